"""E-mail a day's digest: HTML and plain-text parts, through any SMTP server.

Settings come from `[summarizer.smtp]` in the config file and `SUMMARIZER_SMTP_*`
environment variables (host, port, starttls, user, sender); the password only
from `SUMMARIZER_SMTP_PASSWORD`, never from a file, and it is never written or
printed. The message carries no external assets: the digest HTML is already
self-contained, and the archive's relative links (which mean nothing in a mail
client) are turned back into text.
"""

from __future__ import annotations

import re
import smtplib
import ssl
import tomllib
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.errors import SummarizerError
from summarizer.settings import DEFAULT_CONFIG

_NAV = re.compile(r"<!-- daily-nav -->.*?<!-- /daily-nav -->\n?", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>\n?", re.S | re.I)  # mail clients drop scripts; the page works without
_RELATIVE_LINK = re.compile(r'<a\b(?P<attrs>[^>]*?)\shref="(?!https?://|#|mailto:)[^"]*"(?P<rest>[^>]*)>')


class MailError(SummarizerError):
    """The digest could not be sent; the archive is written regardless."""


class MailSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_SMTP_", extra="forbid")

    host: str = Field("localhost", description="SMTP server")
    port: int = Field(587, ge=1, le=65535, description="587 with STARTTLS; 25 plain; 465 is not supported")
    starttls: bool = Field(True, description="upgrade the connection with STARTTLS before logging in")
    user: str | None = Field(None, description="login name, when the server wants one")
    password: SecretStr | None = Field(None, exclude=True, description="SUMMARIZER_SMTP_PASSWORD only")
    sender: str = Field("summarizer@localhost", description="the From: address")
    timeout: float = Field(30.0, gt=0)


def load_mail_settings(config: Path | None = None) -> MailSettings:
    """Config file's [summarizer.smtp], then environment; a password in a file is refused."""
    path = config or (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    table: dict[str, Any] = {}
    if path is not None and path.exists():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("summarizer", {}).get("smtp", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise MailError(f"{path}: not a readable TOML config ({exc})") from None
    if "password" in table:
        raise MailError(f"{path}: [summarizer.smtp] must not hold the password; set SUMMARIZER_SMTP_PASSWORD")
    try:
        from_env = MailSettings().model_dump(exclude_unset=True)
        password = MailSettings().password
        return MailSettings.model_validate({**table, **from_env, "password": password})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise MailError(f"SMTP setting {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def mail_html(page: str) -> str:
    """The digest page for a mail client: no archive navigation or script, relative links as plain text."""
    return _RELATIVE_LINK.sub(lambda m: f"<a{m['attrs']}{m['rest']}>", _SCRIPT.sub("", _NAV.sub("", page)))


def build_message(day_dir: Path, to: str, sender: str) -> EmailMessage:
    try:
        text = (day_dir / "digest.md").read_text(encoding="utf-8")
        html = (day_dir / "digest.html").read_text(encoding="utf-8")
    except OSError as exc:
        raise MailError(f"{day_dir}: no digest to send ({exc.strerror or exc})") from None
    message = EmailMessage()
    message["Subject"] = f"Research digest — {day_dir.name}"
    message["From"], message["To"] = sender, to
    message.set_content(_NAV.sub("", text))
    message.add_alternative(mail_html(html), subtype="html")
    return message


def send_digest(day_dir: Path, to: str, settings: MailSettings | None = None) -> None:
    """Send the day's digest; any SMTP, TLS or network failure becomes one MailError line."""
    settings = settings or load_mail_settings()
    message = build_message(day_dir, to, settings.sender)
    where = f"{settings.host}:{settings.port}"
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password.get_secret_value() if settings.password else "")
            smtp.send_message(message)
    except smtplib.SMTPException as exc:
        raise MailError(f"{where}: {type(exc).__name__}: {exc}") from None
    except OSError as exc:  # refused, unreachable, timeout, TLS
        raise MailError(f"{where}: {exc.strerror or exc}") from None
