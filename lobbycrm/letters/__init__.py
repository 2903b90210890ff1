"""Letter templates (sandboxed Jinja2) and the files made from them (.eml, PDF, HTML, text)."""
