"""The Fusabi language: lexer, parser, type inference, code generation and standard library.

This package knows nothing about plugins, manifests or pluggy.  What the runtime uses of it is
this face (and the bytecode format, :mod:`fusabi_host.lang.fzb`):

* :func:`compile_program` / :func:`compile_program_file` turn source into a :class:`Program`;
* :meth:`Program.instantiate` runs it as a :class:`ProgramInstance` with a :class:`Context`
  (grant, output, input), under :class:`RunLimits`; :func:`call_any` applies a top-level
  binding to arguments;
* :func:`current_guard` is the guard of the run in force on this thread, :func:`spend`
  charges work to it, :func:`reserve_bytes` reserves memory against it, and a wait for the
  outside world asks it :func:`remaining_time` and calls :func:`deadline_passed` when that
  runs out; :func:`display` shows a value as Fusabi prints it and :func:`is_identifier` tells
  whether a name is a valid Fusabi identifier;
* the value model the host converts to and from (:data:`NIL`, :class:`Char`,
  :class:`FzArray`, :class:`FzMap`, :class:`FzSet`, :class:`Tag`; the whole of it is the
  :mod:`.values` module) and the exceptions a plugin may catch (:class:`FusabiException`,
  :data:`EXCEPTION_TAGS`, :func:`failure`);
* what the host boundary checks calls against: an export's :class:`Type`, shown as F# writes
  it (:func:`show_type`), split into parameters (:func:`curried`, :func:`is_unit_parameter`)
  and seen as the shapes values cross the boundary by (:func:`shape_of`, :func:`record_fields`,
  :func:`union_cases`, :func:`function_chain`, :func:`same_shape`, :func:`describe`;
  :mod:`.shapes`), and whether a plugin value fits one (:func:`misfit`).
"""

from fusabi_host.lang.compiler import TYPE_CHECK_MODES, compile_program, compile_program_file
from fusabi_host.lang.context import Context
from fusabi_host.lang.display import display
from fusabi_host.lang.exceptions import EXCEPTION_TAGS, failure
from fusabi_host.lang.fits import misfit
from fusabi_host.lang.guard import (
    GUARD_OF_THREAD,
    Guard,
    RunLimits,
    current_guard,
    deadline_passed,
    remaining_time,
    reserve_bytes,
    spend,
)
from fusabi_host.lang.identifiers import is_identifier
from fusabi_host.lang.program import Program, ProgramInstance, call_any
from fusabi_host.lang.shapes import (
    ANY_SHAPE,
    MAX_SHAPE_DEPTH,
    Shape,
    curried,
    describe,
    function_chain,
    is_unit_parameter,
    record_fields,
    same_shape,
    shape_of,
    union_cases,
)
from fusabi_host.lang.types import Type
from fusabi_host.lang.types import show as show_type
from fusabi_host.lang.values import NIL, Char, FusabiException, FzArray, FzMap, FzSet, Tag

__all__ = [
    "ANY_SHAPE",
    "EXCEPTION_TAGS",
    "GUARD_OF_THREAD",
    "MAX_SHAPE_DEPTH",
    "NIL",
    "TYPE_CHECK_MODES",
    "Char",
    "Context",
    "FusabiException",
    "FzArray",
    "FzMap",
    "FzSet",
    "Guard",
    "Program",
    "ProgramInstance",
    "RunLimits",
    "Shape",
    "Tag",
    "Type",
    "call_any",
    "compile_program",
    "compile_program_file",
    "current_guard",
    "curried",
    "deadline_passed",
    "describe",
    "display",
    "failure",
    "function_chain",
    "is_identifier",
    "is_unit_parameter",
    "misfit",
    "record_fields",
    "remaining_time",
    "reserve_bytes",
    "same_shape",
    "shape_of",
    "show_type",
    "spend",
    "union_cases",
]
