"""Errors whose words and values are kept apart, so the command line can say them in the
reader's language (adapters/cli/i18n.py: the words are the catalogue's msgids)."""


class WordedError(Exception):
    """A refusal for a person: ``template`` (English, ``{name}`` fields) and its
    ``values``; ``str()`` is the English line."""

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format_map(values))
