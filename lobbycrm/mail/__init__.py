"""E-mail: the password in the system keyring, SMTP sending, reading received mail."""
