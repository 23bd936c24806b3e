"""The Discord adapter: a ``commands.Bot`` whose cogs call the same handlers as the CLI.

Imported only by ``briefbot run`` and ``briefbot sync``, so the CLI's answers never load
discord.py. See docs/discord.md for setting a bot up.
"""
