"""The bot's extensions, loaded by :meth:`bot.discord.client.BriefBot.setup_hook`."""
