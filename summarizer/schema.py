"""Print the JSON Schema of the exported card: `python -m summarizer.schema > docs/card.schema.json`."""

import json

from summarizer.models import PaperCard

if __name__ == "__main__":
    print(json.dumps(PaperCard.model_json_schema(), indent=2))
