"""The 5 Whys page: trees of why-nodes, their outline and drawing, and links to factors."""
