"""The OpenAI-compatible model layer: provider, prompts, cache, retries, events, cassettes."""
