"""Telegram glue: bot middlewares, FSM storage on our tables, command menus, callback data, links to the bot."""
