"""The Sign-off page: the checklist gate, approvers and signatures."""
