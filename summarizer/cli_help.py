"""Help output a user can read: classic usage lines and no type labels on flags.

(Context and parameter types are Any: typer vendors its own click.)

typer 0.2x writes usage as `run [OPTIONS] {inputs}...` and labels every flag
`<bool>`, which reads like a bug. `classic_help(app)` gives every command of
an app (sub-apps included) a command class that prints `INPUT...` / `[CARDS]`
instead, and leaves flags unlabelled, as `git`, `pip` and click itself do.
"""

from __future__ import annotations

from types import MethodType
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.models import DefaultPlaceholder

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


def _unlabel_flags(params: list[Any]) -> list[Any]:
    for param in params:
        if isinstance(param, TyperOption) and (param.is_flag or param.count):
            param.metavar = ""  # a flag takes no value: no `<bool>` after it
            param.show_default = param.show_default and not param.count
    return params


def _argument_label(param: TyperArgument) -> str:
    return param.metavar or (param.name or "arg").upper() + ("..." if param.nargs != 1 else "")


class ClassicCommand(TyperCommand):
    """A typer command whose usage line and option table use click's classic notation."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                label = _argument_label(param)
                pieces.append(label if param.required else f"[{label}]")
        return pieces

    def get_params(self, ctx: Any) -> list[Any]:
        params = _unlabel_flags(super().get_params(ctx))
        for param in params:
            if isinstance(param, TyperArgument) and param.metavar is None:
                label = _argument_label(param)
                param.metavar = label
                param.display_type_rich = MethodType(lambda self, ctx: None, param)  # type: ignore[method-assign]
        return params


class ClassicGroup(TyperGroup):
    """A typer group (the app and its sub-apps) whose own flags carry no `<bool>`."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _unlabel_flags(super().get_params(ctx))


def classic_help(app: typer.Typer) -> None:
    """Use `ClassicCommand`/`ClassicGroup` (and -h) for every command of `app` and of its sub-apps."""
    if isinstance(app.info.cls, DefaultPlaceholder) or app.info.cls in (None, TyperGroup):
        app.info.cls = ClassicGroup
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = ClassicCommand
        info.context_settings = {**HELP_OPTIONS, **(info.context_settings or {})}
    for group in app.registered_groups:
        if group.typer_instance is not None:
            classic_help(group.typer_instance)
            _with_help_options(group.typer_instance)


def _with_help_options(app: Any) -> None:
    app.info.context_settings = {**HELP_OPTIONS, **(app.info.context_settings or {})}
