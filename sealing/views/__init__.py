"""Screens of motions to seal, one module per screen family."""
