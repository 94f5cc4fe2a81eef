"""The presenter window: the current phase, large, on the projector."""
