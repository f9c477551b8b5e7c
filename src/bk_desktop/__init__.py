"""bk-desktop: the counselling-room (ruang BK) program for Indonesian schools."""

__version__ = "0.1.0"
