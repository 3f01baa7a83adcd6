"""Reading input files safely: special files, sizes, encodings (issue 12, "Inputs")."""

import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from summarizer.sources import load_papers, parse_file, reading

GOOD = "Some Paper Title\nWe propose a method. It is good and it beats the baselines on many benchmarks.\n"


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _one_error(tmp_path: Path, bad: Path, problem: str) -> None:
    result = load_papers([bad, _good(tmp_path)])
    assert len(result.errors) == 1 and result.errors[0].startswith(str(bad)), result.errors
    assert problem in result.errors[0] and "\n" not in result.errors[0]
    assert [p.title for p in result.papers] == ["Some Paper Title"]


def test_a_fifo_named_directly_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (_one_error(tmp_path, fifo, "named pipe (FIFO)"), done.set()),
                              daemon=True)
    thread.start()
    thread.join(10)
    if not done.is_set():
        with fifo.open("wb"):  # unblock the reader so the thread can end
            pass
        pytest.fail("reading a FIFO hung")


def test_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    _one_error(tmp_path, Path("/dev/zero"), "is a device")


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(reading.MAX_FILE_BYTES + 1)  # sparse: 200 MiB on paper, nothing on disk
    tracemalloc.start()
    try:
        _one_error(tmp_path, huge, "the limit is 200 MiB")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20


def test_reading_is_bounded_even_if_the_size_lies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grows.txt"
    path.write_text(GOOD * 50, encoding="utf-8")
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    with pytest.raises(reading.InputError, match="limit"):
        reading.read_bytes(path)


def test_an_unreadable_file_is_one_error_and_the_rest_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD.replace("Some", "Other"), encoding="utf-8")
    real_open = os.open

    def deny(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    _one_error(tmp_path, secret, "cannot be read (Permission denied)")


def test_a_missing_file_is_one_error(tmp_path: Path) -> None:
    _one_error(tmp_path, tmp_path / "nope.txt", "cannot be read (No such file or directory)")


def test_an_unreadable_subfolder_is_an_error_and_its_siblings_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(GOOD, encoding="utf-8")
    (folder / "ok.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def deny(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", deny)
    result = load_papers([folder])
    assert len(result.papers) == 1
    assert result.errors == [f"{folder / 'locked'}: folder cannot be read (Permission denied); skipped"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_really_unreadable_file_and_folder(tmp_path: Path) -> None:
    locked_file, locked_dir = tmp_path / "f.txt", tmp_path / "d"
    locked_file.write_text(GOOD, encoding="utf-8")
    locked_dir.mkdir()
    locked_file.chmod(0)
    locked_dir.chmod(0)
    try:
        result = load_papers([locked_file, tmp_path, _good(tmp_path)])
    finally:
        locked_dir.chmod(0o755)
        locked_file.chmod(0o644)
    assert any("Permission denied" in e and "f.txt" in e for e in result.errors)
    assert any("folder cannot be read" in e for e in result.errors)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_encodings_with_or_without_a_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "page.txt"
    text = GOOD.replace("method", "méthode ✓") * 3
    path.write_bytes(text.encode(encoding))
    warnings: list[str] = []
    _, papers = parse_file(path, warnings.append)
    assert papers[0].title == "Some Paper Title" and "méthode ✓" in papers[0].abstract
    if encoding in ("utf-16-le", "utf-16-be"):  # no BOM: detected, and said so
        assert len(warnings) == 1 and "utf_16" in warnings[0] and "re-save it as UTF-8" in warnings[0]
    else:
        assert warnings == []


def test_latin1_hf_page_is_decoded_with_a_warning_and_keeps_its_metadata(samples_dir: Path, tmp_path: Path) -> None:
    sample = next(samples_dir.glob("001_*.txt"))
    utf8_papers = parse_file(sample, print)[1]
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(sample.read_text(encoding="utf-8").encode("latin-1", "replace"))  # `•` becomes `?`
    warnings: list[str] = []
    _, papers = parse_file(latin, warnings.append)
    assert len(warnings) == 1 and "invalid UTF-8" in warnings[0] and "decoded as" in warnings[0]
    assert [p.title[:20] for p in papers] == [p.title[:20] for p in utf8_papers]
    assert [p.authors_count for p in papers] == [p.authors_count for p in utf8_papers]
    assert not any(p.title.startswith("?") for p in papers)


def test_cp1252_text_is_decoded_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    text = "Café Naïve “Quoted” Title\n" + "We propose a résumé method – it beats baselines. " * 20 + "\n"
    path.write_bytes(text.encode("cp1252"))
    warnings: list[str] = []
    _, papers = parse_file(path, warnings.append)
    assert papers[0].title == "Café Naïve “Quoted” Title" and "cp1252" in warnings[0]
