"""Reserved example values: e-mail domains and phone numbers that can never reach a person.

The demo data uses only these, and sending mail refuses them, so that someone who loads the
demo and configures a real mail server cannot write to a real senator from it.
"""

from __future__ import annotations

# RFC 2606 and RFC 6761: the top-level names .example, .invalid, .test and .localhost, and the
# second-level names example.com, example.net and example.org, are reserved for examples and
# tests; no one can register them, so no mailbox exists there.
RESERVED_TLDS = ("example", "invalid", "test", "localhost")
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")

# Ofcom (the UK regulator) keeps these ranges out of service for use in drama, documented in
# its "telephone numbers for drama purposes" list: mobile 07700 900000-900999 and the London
# range 020 7946 0000-0999. Dialled from the Netherlands they are +44 7700 900xxx and
# +44 20 7946 0xxx. The Netherlands has no documented fictional range, so the demo uses these.
FICTIONAL_PHONE_PREFIXES = ("447700900", "442079460")


def is_reserved_domain(domain: str) -> bool:
    """True for a reserved example domain or any name under one ('eerstekamer.example')."""
    name = domain.strip().rstrip(".").lower()
    if not name:
        return False
    if name.rsplit(".", 1)[-1] in RESERVED_TLDS:
        return True
    return any(name == d or name.endswith("." + d) for d in RESERVED_DOMAINS)


def is_reserved_email(address: str) -> bool:
    """True when the address's domain is reserved: mail to it can reach nobody."""
    text = address.strip().strip("<>")
    if "@" not in text:
        return False
    return is_reserved_domain(text.rsplit("@", 1)[1])


def is_fictional_phone(number: str) -> bool:
    """True for a number in a documented drama range (in international or UK form)."""
    digits = "".join(c for c in number if c.isdigit())
    if number.strip().startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0"):
        international = "44" + digits[1:]  # a UK number written the UK way
    else:
        return False
    return len(international) == 12 and international.startswith(FICTIONAL_PHONE_PREFIXES)


def is_local_host(host: str) -> bool:
    """A mail server on this computer (a test or catch-all server): it delivers to no one
    outside, so reserved addresses may go there, e.g. to look at the demo's letters."""
    import ipaddress

    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
