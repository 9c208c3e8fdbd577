"""News items of the demo (``humas demo``): our own short articles in the style of
regional news, not real ones. Installed as package data beside the code."""
