"""What the bot serves over HTTP: health, calendar feeds, Telegram's webhook (`server.py`), the feeds
themselves (`feed.py`) and the links to them (`links.py`)."""
