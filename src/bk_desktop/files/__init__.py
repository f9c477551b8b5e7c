"""Files the program itself owns: the data it ships and how it replaces a file safely.

A neutral layer: every other layer may import it, and it imports nothing of the project.
"""
