"""Configuration precedence (defaults < file < env < flags) and the key never leaking."""

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.settings import load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_CONCURRENCY",
                 "SUMMARIZER_BACKEND", "SUMMARIZER_API_KEY", "SUMMARIZER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(Path(__file__).parent)  # no ./summarizer.toml here


def test_defaults_pick_the_offline_backend() -> None:
    assert load_settings().resolved_backend() == "rules"


def test_file_then_env_then_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "summarizer.toml"
    config.write_text('[summarizer]\nmodel = "from-file"\nconcurrency = 3\ntimeout = 9\n')
    assert (load_settings(config).model, load_settings(config).concurrency) == ("from-file", 3)
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    settings = load_settings(config, concurrency=5)
    assert (settings.model, settings.concurrency, settings.timeout) == ("from-env", 5, 9)
    assert load_settings(config, model="from-flag").model == "from-flag"


def test_endpoint_and_key_from_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "summarizer.toml"
    config.write_text('[summarizer]\nbase_url = "http://127.0.0.1:9/v1"\napi_key = "sk-file"\n')
    settings = load_settings(config)
    assert settings.base_url == "http://127.0.0.1:9/v1" and settings.resolved_backend() == "llm"
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "sk-file"


def test_standard_openai_variables_switch_auto_to_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert load_settings().resolved_backend() == "llm"
    assert load_settings(backend="rules").resolved_backend() == "rules"


def test_api_key_is_secret_and_never_in_the_public_dict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    settings = load_settings()
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "sk-very-secret"
    assert "sk-very-secret" not in repr(settings) and "sk-very-secret" not in str(settings.public_dict())
    assert settings.resolved_backend() == "llm"


def test_bad_config_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("model = = 1")
    with pytest.raises(InputError, match=r"bad\.toml: is not a readable TOML config"):
        load_settings(config)


def test_a_typo_in_the_config_file_is_an_error_naming_the_key(tmp_path: Path) -> None:
    config = tmp_path / "summarizer.toml"
    config.write_text('[summarizer]\nmodel = "m"\nconcurency = 3\n')
    with pytest.raises(InputError, match=r"unknown setting 'concurency' \(did you mean 'concurrency'\?\)") as info:
        load_settings(config)
    assert str(info.value).startswith(str(config)) and "\n" not in str(info.value)
    config.write_text('[summarizer]\nmodel = "m"\n[summarizer.prices]\n"m" = [0.1, 0.2]\n')
    assert load_settings(config).prices == {"m": (0.1, 0.2)}
