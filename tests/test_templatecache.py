"""Compiled templates kept between builds: reused, never stale, never a reason for a failure."""

from __future__ import annotations

from pathlib import Path

from jinja2 import DictLoader, Environment

from okide.templatecache import cache_folder, use_template_cache


def _environment(folder: Path, sources: dict[str, str], **options: object) -> Environment:
    env = Environment(loader=DictLoader(sources), **options)  # type: ignore[arg-type]
    return use_template_cache(env, {"OKIDE_CACHE_DIR": str(folder)})


def _refuse_to_compile(env: Environment) -> None:
    def compile_(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again although a compiled copy was kept")

    env.compile = compile_  # type: ignore[method-assign]


def test_a_second_build_uses_the_compiled_template_from_the_first(tmp_path: Path) -> None:
    sources = {"page.md.j2": "# {{ title }}\n"}
    assert _environment(tmp_path, sources).get_template("page.md.j2").render(title="A") == "# A"
    second = _environment(tmp_path, sources)
    _refuse_to_compile(second)
    assert second.get_template("page.md.j2").render(title="B") == "# B"


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    _environment(tmp_path, {"page.md.j2": "old {{ x }}"}).get_template("page.md.j2")
    edited = _environment(tmp_path, {"page.md.j2": "new {{ x }}"})
    assert edited.get_template("page.md.j2").render(x=1) == "new 1"


def test_options_that_change_compiled_code_get_their_own_folder(tmp_path: Path) -> None:
    sources = {"page.md.j2": "{% if x %}\na\n{% endif %}\n"}
    plain = _environment(tmp_path, sources)
    trimmed = _environment(tmp_path, sources, trim_blocks=True, lstrip_blocks=True)
    assert plain.get_template("page.md.j2").render(x=1) == "\na\n"
    assert trimmed.get_template("page.md.j2").render(x=1) == "a\n"
    assert len([path for path in tmp_path.iterdir() if path.is_dir()]) == 2


def test_an_empty_cache_setting_turns_the_cache_off() -> None:
    assert cache_folder({"OKIDE_CACHE_DIR": ""}) is None
    env = use_template_cache(Environment(), {"OKIDE_CACHE_DIR": ""})
    assert env.bytecode_cache is None


def test_the_cache_lives_in_the_users_cache_folder_not_the_repository() -> None:
    assert cache_folder({"XDG_CACHE_HOME": "/x/cache"}) == Path("/x/cache/okide/templates")
    assert cache_folder({}) == Path.home() / ".cache" / "okide" / "templates"


def test_a_folder_that_cannot_be_made_means_no_cache_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    env = _environment(blocker / "cache", {"page.md.j2": "{{ x }}"})
    assert env.bytecode_cache is None
    assert env.get_template("page.md.j2").render(x=1) == "1"


def test_a_damaged_cache_file_is_compiled_again_not_a_failure(tmp_path: Path) -> None:
    sources = {"page.md.j2": "{{ x }}!"}
    _environment(tmp_path, sources).get_template("page.md.j2")
    for path in tmp_path.rglob("*.cache"):
        path.write_bytes(path.read_bytes()[:20])
    assert _environment(tmp_path, sources).get_template("page.md.j2").render(x=2) == "2!"


def test_a_cache_file_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    env = _environment(tmp_path, {"page.md.j2": "{{ x }}"})
    assert env.bytecode_cache is not None
    folder = next(path for path in tmp_path.iterdir() if path.is_dir())
    folder.rmdir()  # gone between the check and the write: the write fails
    (tmp_path / folder.name).write_text("not a folder")
    assert env.get_template("page.md.j2").render(x=3) == "3"
