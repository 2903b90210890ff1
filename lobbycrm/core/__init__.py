"""Pure-Python domain core: enums, names, validation, errors; never imports Qt."""
