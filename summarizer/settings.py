"""One typed place for configuration: defaults < config file < environment < CLI flags.

Environment variables use the `SUMMARIZER_` prefix (`SUMMARIZER_MODEL`), except
the standard `OPENAI_API_KEY` / `OPENAI_BASE_URL`, which are read as they are.
The key is a `SecretStr`: it never prints, and it is excluded from anything
written to disk (`public_dict`).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.errors import InputError
from summarizer.redact import redact_optional

Backend = Literal["auto", "rules", "llm"]
Mode = Literal["auto", "tools", "json_schema", "json", "md_json"]
DEFAULT_CONFIG = Path("summarizer.toml")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", extra="ignore", populate_by_name=True)

    backend: Backend = Field("auto", description="auto = llm when OPENAI_API_KEY or OPENAI_BASE_URL is set")
    api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("OPENAI_API_KEY", "SUMMARIZER_API_KEY"),
        description="API key of the OpenAI-compatible endpoint", exclude=True)
    base_url: str | None = Field(
        None, validation_alias=AliasChoices("OPENAI_BASE_URL", "SUMMARIZER_BASE_URL"),
        description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    model: str = Field("gpt-4o-mini", description="model name sent to the endpoint")
    mode: Mode = Field("auto", description="instructor mode; auto picks per endpoint")
    temperature: float = Field(0.0, ge=0, le=2)
    timeout: float = Field(60.0, gt=0, description="seconds per request")
    max_tokens: int = Field(1024, gt=0, description="completion budget per paper")
    max_attempts: int = Field(4, ge=1, description="transport attempts per request (429/5xx/timeouts)")
    max_reasks: int = Field(2, ge=0, description="re-asks after invalid JSON or failed grounding")
    concurrency: int = Field(8, ge=1, le=256, description="requests in flight at once")
    workers: int = Field(0, ge=0, description="processes for the rules backend; 0 = one per CPU")
    cache_dir: Path = Field(default_factory=lambda: default_cache_dir(),
                            description="where model replies are cached (default: the user's cache folder)")
    no_cache: bool = Field(False, description="bypass the cache (neither read nor write)")
    max_calls: int | None = Field(None, ge=0, description="stop calling the model after this many requests "
                                                          "(the rest falls back to rules)")
    max_cost: float | None = Field(None, ge=0, description="stop calling once the estimated cost (USD, from "
                                                           "`prices`) reaches this")
    deadline: float | None = Field(None, gt=0, description="seconds for all model calls of a run; then rules")
    breaker_failures: int = Field(5, ge=1, description="consecutive failed calls (transport) that stop calling")
    batch: bool = Field(False, description="extract through the provider's Batch API (24 h, half price); "
                                           "re-asks and overviews stay online")
    batch_poll: float = Field(5.0, gt=0, description="seconds before the first batch status check; doubles to 60")
    batch_price: float = Field(0.5, gt=0, le=1, description="batch price as a fraction of the online price")
    prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict, description="model -> (USD per 1M prompt tokens, per 1M completion tokens)")

    def resolved_backend(self) -> Literal["rules", "llm"]:
        return self.backend_choice()[0]

    def backend_choice(self) -> tuple[Literal["rules", "llm"], str]:
        """The backend and why it was chosen: `auto` may pick a paid endpoint because of the environment."""
        if self.backend != "auto":
            return self.backend, "chosen with --backend, config or SUMMARIZER_BACKEND"
        if self.api_key:
            return "llm", "auto: OPENAI_API_KEY is set; --backend rules stays offline"
        if self.base_url:
            return "llm", f"auto: OPENAI_BASE_URL is set ({redact_url(self.base_url)}); --backend rules stays offline"
        return "rules", "auto: neither OPENAI_API_KEY nor OPENAI_BASE_URL is set"

    def public_dict(self) -> dict[str, Any]:
        """What may be written to run.json: never the key, nor credentials inside the base URL."""
        data = self.model_dump(mode="json", exclude={"api_key"})
        data["base_url"] = redact_optional(self.base_url)
        return data


def default_cache_dir() -> Path:
    """The user's cache folder (~/.cache/summarizer on Linux), not ./cache of wherever the command runs."""
    return Path(platformdirs.user_cache_dir("summarizer", appauthor=False))


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file's [summarizer] table, then env, then non-None overrides."""
    path = config or (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    file_values: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"is not a readable TOML config ({exc})") from None
        file_values = data.get("summarizer", data)
        _check_keys(path, file_values)
    env_values = Settings().model_dump(exclude_unset=True)
    merged = {**file_values, **env_values, **{k: v for k, v in overrides.items() if v is not None}}
    if "api_key" in env_values:
        merged["api_key"] = Settings().api_key
    return Settings.model_validate(merged) if merged else Settings()


def _check_keys(path: Path, values: dict[str, Any]) -> None:
    """A typo in the config file is an error naming the key, not a setting silently ignored."""
    known = set(Settings.model_fields)
    if unknown := sorted(set(values) - known):
        close = {key: difflib.get_close_matches(key, known, n=1) for key in unknown}
        hints = ", ".join(f"'{k}'" + (f" (did you mean '{c[0]}'?)" if c else "") for k, c in close.items())
        raise InputError(str(path), f"unknown setting {hints}; known: {', '.join(sorted(known))}")


def redact_url(url: str) -> str:
    """The URL without `user:password@` credentials, for anything printed or logged."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def has_llm_env() -> bool:
    return bool(os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL"))
