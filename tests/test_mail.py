"""E-mailing a day's digest to a local SMTP server (aiosmtpd on 127.0.0.1): parts, links, login, failure."""

from __future__ import annotations

import email
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from summarizer.daily.run import DailyOptions, run_daily
from summarizer.mail import MailError, MailSettings, load_mail_settings, mail_html, send_digest
from summarizer.settings import Settings
from tests.daily_helpers import arxiv_record, write_listing

PASSWORD = "s3cret-pw-never-written"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))  # type: ignore[attr-defined]
        return "250 OK"

    def authenticate(self, server: object, session: object, envelope: object, mechanism: str,
                     data: object) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.logins.append((data.login, data.password))
        return AuthResult(success=data.password == PASSWORD.encode())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mail")
    for day, indices in (("2024-10-07", range(3)), ("2024-10-08", range(2, 6))):
        listing = write_listing(root / f"{day}.json", [arxiv_record(i) for i in indices])
        run_daily([listing], DailyOptions(site=root / "site", day=day), Settings(backend="rules"))
    return root / "site"


def test_the_digest_arrives_with_html_and_text_parts_and_no_archive_links(smtp: tuple[Inbox, int], site: Path) -> None:
    inbox, port = smtp
    settings = MailSettings(host="127.0.0.1", port=port, starttls=False, user="reader",
                            password=PASSWORD, sender="digest@example.org")
    send_digest(site / "2024-10-08", "me@example.org", settings)
    (message,) = inbox.messages
    assert message["To"] == "me@example.org" and message["Subject"] == "Research digest — 2024-10-08"
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "digest.html" not in html and "../" not in html  # no links into the archive's folders
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("https://", "http://", "#")) for h in hrefs)
    assert "<img" not in html and "<link" not in html and "<script" not in html  # no external assets
    assert "2410.10005" in html and "2410.10005" in text
    assert inbox.logins == [(b"reader", PASSWORD.encode())]


def test_password_comes_from_the_environment_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "summarizer.toml"
    config.write_text('[summarizer.smtp]\nhost = "mail.example.org"\nport = 2525\nuser = "me"\n')
    monkeypatch.setenv("SUMMARIZER_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SUMMARIZER_SMTP_STARTTLS", "false")
    settings = load_mail_settings(config)
    assert (settings.host, settings.port, settings.starttls, settings.user) == ("mail.example.org", 2525, False, "me")
    assert settings.password is not None and PASSWORD not in repr(settings) + settings.model_dump_json()
    config.write_text('[summarizer.smtp]\npassword = "oops"\n')
    with pytest.raises(MailError, match="must not hold the password; set SUMMARIZER_SMTP_PASSWORD"):
        load_mail_settings(config)


def test_a_failed_send_is_one_line_and_the_archive_is_written(tmp_path: Path) -> None:
    listing = write_listing(tmp_path / "d.json", [arxiv_record(i) for i in range(2)])
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "SUMMARIZER_SMTP_HOST": "127.0.0.1",
           "SUMMARIZER_SMTP_PORT": str(_free_port()), "SUMMARIZER_SMTP_PASSWORD": PASSWORD}
    proc = subprocess.run([sys.executable, "-m", "summarizer", "daily", str(listing), "--site", str(tmp_path / "s"),
                           "--date", "2024-10-07", "--email-to", "me@example.org"], capture_output=True, text=True,
                          timeout=300, env=env, cwd=tmp_path)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "e-mail not sent: 127.0.0.1:" in errors[0] and "archive is written" in errors[0]
    assert "Traceback" not in proc.stderr and PASSWORD not in proc.stderr
    assert (tmp_path / "s" / "2024-10-07" / "digest.html").exists() and (tmp_path / "s" / "index.html").exists()
    written = b"".join(p.read_bytes() for p in (tmp_path / "s").rglob("*") if p.is_file())
    assert PASSWORD.encode() not in written


def test_mail_html_drops_navigation_and_relative_links() -> None:
    page = ('<header></header><!-- daily-nav --><nav><a href="../index.html">Archive</a></nav><!-- /daily-nav -->'
            '<a class="earlier" href="../2024-10-07/digest.html#p-1">earlier</a><a href="#p-2">x</a>'
            '<a href="https://arxiv.org/abs/1">y</a>')
    out = mail_html(page)
    assert out == ('<header></header><a class="earlier">earlier</a><a href="#p-2">x</a>'
                   '<a href="https://arxiv.org/abs/1">y</a>')
