"""Case Watch: a Telegram bot to follow the court cases of detainees."""

__version__ = "0.1.0"
