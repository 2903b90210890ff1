"""Files from and for other programs: CSV as Excel writes it (more formats to follow)."""
