"""The host boundary knows the types: export signatures, arity, and arguments checked by type.

A well-typed plugin's exports have static types (``discount : Order -> float``).  The host
calls them with Python values, so the boundary is where a wrong value would otherwise slip in:
a dict whose key is ``minLength`` for a record field ``MinLength``, a missing field, a
``str`` in a list of ints.  :meth:`Signature.arguments` checks the number of arguments, and
converts each by its parameter's type (:mod:`fusabi_host.typedconvert`), saying exactly what
is wrong and where (``argument 1 of 'total': [2].Qty``); :meth:`Signature.result_shape` is
what the result converts back by.

:class:`Signature` is what :meth:`fusabi_host.PluginHandle.signature` shows: the F# text of
an export's type and the types of its parameters.  Units compiled with
``type_check="warn"`` that did not type-check have no signatures: their calls are checked at
run time only, and their values convert by value.
"""

from __future__ import annotations

from typing import Any

from fusabi_host.convert import Converter
from fusabi_host.errors import ArityMismatch, ConversionError
from fusabi_host.lang import (
    ANY_SHAPE,
    Shape,
    Type,
    curried,
    function_chain,
    is_unit_parameter,
    shape_of,
    show_type,
)
from fusabi_host.typedconvert import Wrong, to_plugin

__all__ = ["Signature", "signature_of"]


class Signature:
    """The static type of one export: ``text`` as F# writes it (``discount : Order ->
    float``); ``params``, the types of every argument it can take one after the other (its
    own ``arity`` parameters, then those of the function it returns: ``let adder x = fun y
    -> ...`` takes one or two); ``result``, what it gives for its own parameters."""

    def __init__(
        self, name: str, params: list[Type], result: Type, whole: Type, arity: int
    ) -> None:
        self.name = name
        self.params = params
        self.arity = arity
        self.result = result
        self.type_text = show_type(whole)
        self.text = f"{name} : {self.type_text}"
        # worked out once (every call converts by them), sharing one table of record and
        # union shapes
        self.shape = shape_of(whole)
        self.shapes, self._results = function_chain(self.shape)
        self.takes_unit = arity == 1 and is_unit_parameter(params[0])
        """Is this a function of one ``unit`` parameter (called with no arguments)?"""

    def result_shape(self, count: int) -> Shape:
        """The shape of what applying the first *count* parameters gives."""
        if not count:
            return self.shape
        return self._results[count - 1] if count <= len(self._results) else ANY_SHAPE

    def arguments(self, args: tuple[Any, ...], converter: Converter) -> tuple[object, ...]:
        """*args* for a call, as Fusabi values: as many as the function takes (no argument for
        a ``unit`` parameter; more, up to what its result takes), each checked against its
        parameter's type and converted by it; raises
        :class:`~fusabi_host.errors.ArityMismatch` or
        :class:`~fusabi_host.errors.ConversionError`."""
        if not args and self.takes_unit:
            return (None,)
        if not self.arity <= len(args) <= len(self.params):
            expected = self.arity if len(args) < self.arity else len(self.params)
            raise ArityMismatch(self.name, expected, len(args), self.text)
        return self.converted(args, converter)

    def leading(self, args: tuple[Any, ...], converter: Converter) -> tuple[object, ...]:
        """*args* for a partial application, as Fusabi values: fewer than the function
        takes, each checked."""
        if self.arity and len(args) >= self.arity:
            raise ArityMismatch(self.name, self.arity, len(args), self.text)
        return self.converted(args, converter)

    def converted(self, args: tuple[Any, ...], converter: Converter) -> tuple[object, ...]:
        """Each of *args* checked against its parameter's type and converted by it."""
        result = []
        for index, (value, shape) in enumerate(zip(args, self.shapes, strict=False)):
            try:
                result.append(to_plugin(value, shape, converter))
            except Wrong as wrong:
                raise _argument_error(self.name, index, wrong) from None
        return tuple(result)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Signature {self.text}>"


def signature_of(name: str, t: Type | None, arity: int) -> Signature | None:
    """The signature of export *name* of type *t* (a function of *arity* parameters, or a
    value when *arity* is 0); ``None`` when the type is unknown."""
    if t is None:
        return None
    found = curried(t, arity)
    if found is None:
        return None
    params, result = found
    return Signature(name, params, result, t, arity)


def _argument_error(function: str, index: int, wrong: Wrong) -> ConversionError:
    path = wrong.where()
    place = f"argument {index + 1} of '{function}'" + (f": {path}" if path else "")
    return ConversionError(f"{place}: {wrong.message}")
