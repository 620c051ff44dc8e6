"""``System.Convert``: integer conversions rounding half to even, parsing in bases 2, 8, 10
and 16 with two's complement, ``ToString(n, base)``, ``ToDouble``, ``ToChar``, ``ToBoolean``,
and the .NET exceptions of what cannot convert.  Expected outputs are what F# prints."""

from __future__ import annotations

import pytest

from tests.lang.programs import case, output

PROGRAMS = [
    case(
        "integers",
        """
        open System
        printfn "%d %d %d %d" (Convert.ToInt32 "42") (Convert.ToInt32 2.5) (Convert.ToInt32 3.5)
            (Convert.ToInt32 -2.5)
        printfn "%d %d %d" (Convert.ToInt32 true) (Convert.ToInt32 'A') (Convert.ToInt64 7.5m)
        """,
        "42 2 4 -2\n1 65 8\n",
    ),
    case(
        "bases",
        """
        open System
        printfn "%d %d %d %d" (Convert.ToInt32("ff", 16)) (Convert.ToInt32("1011", 2))
            (Convert.ToInt32("777", 8)) (Convert.ToInt32("ffffffff", 16))
        printfn "%s %s %s %s" (Convert.ToString(5, 2)) (Convert.ToString(255, 16))
            (Convert.ToString(-1, 16)) (Convert.ToString(64, 8))
        """,
        "255 11 511 -1\n101 ff ffffffff 100\n",
    ),
    case(
        "other-types",
        """
        printfn "%.1f %.2f %c %b %b %s" (System.Convert.ToDouble 3) (System.Convert.ToDouble "2.25")
            (System.Convert.ToChar 97) (System.Convert.ToBoolean " FALSE ")
            (System.Convert.ToBoolean 2) (System.Convert.ToString true)
        """,
        "3.0 2.25 a false true True\n",
    ),
    case(
        "failures",
        """
        open System
        let show f = try printfn "%s" (f ()) with e -> printfn "%s" e.Message
        show (fun () -> string (Convert.ToInt32 3000000000.0))
        show (fun () -> string (Convert.ToInt32("12", 3)))
        show (fun () -> string (Convert.ToInt32("xyz", 16)))
        show (fun () -> string (Convert.ToBoolean "yes"))
        """,
        "Value was either too large or too small for an Int32.\nInvalid Base.\n"
        "Could not find any recognizable digits.\n"
        "String 'yes' was not recognized as a valid Boolean.\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_convert(text: str, expected: str) -> None:
    assert output(text) == expected
