"""FSharp.Core's List, Array, Seq, Map, Set, Option, Result and String modules, function by
function: each is in the standard library, or listed in :data:`NOT_PROVIDED` with the
reason, which ``docs/fsharp.rst`` gives too (the names are F# 8's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusabi_host.lang.stdlib.registry import REGISTRY

FSHARP_CORE: dict[str, str] = {
    "List": (
        "allPairs append average averageBy choose chunkBySize collect compareWith concat contains "
        "countBy distinct distinctBy splitInto empty exactlyOne except exists exists2 filter find "
        "findBack findIndex findIndexBack fold fold2 foldBack foldBack2 forall forall2 groupBy "
        "head indexed init isEmpty item iter iter2 iteri iteri2 last length map map2 map3 mapFold "
        "mapFoldBack mapi mapi2 max maxBy min minBy nth ofArray ofSeq pairwise partition permute "
        "pick reduce reduceBack replicate rev scan scanBack singleton skip skipWhile sort sortBy "
        "sortByDescending sortDescending sortWith splitAt sum sumBy tail take takeWhile toArray "
        "toSeq transpose truncate tryExactlyOne tryFind tryFindBack tryFindIndex tryFindIndexBack "
        "tryHead tryItem tryLast tryPick unfold unzip unzip3 where windowed zip zip3 insertAt "
        "insertManyAt removeAt removeManyAt updateAt"
    ),
    "Array": (
        "allPairs append average averageBy blit choose chunkBySize collect compareWith concat "
        "contains copy countBy create distinct distinctBy splitInto empty exactlyOne except "
        "exists exists2 fill filter find findBack findIndex findIndexBack fold fold2 foldBack "
        "foldBack2 forall forall2 get groupBy head indexed init isEmpty item iter iter2 iteri "
        "iteri2 last length map map2 map3 mapFold mapFoldBack mapi mapi2 max maxBy min minBy "
        "ofList ofSeq pairwise partition permute pick reduce reduceBack replicate rev scan "
        "scanBack set singleton skip skipWhile sort sortBy sortByDescending sortDescending "
        "sortInPlace sortInPlaceBy sortInPlaceWith sortWith splitAt sub sum sumBy tail take "
        "takeWhile toList toSeq transpose truncate tryExactlyOne tryFind tryFindBack tryFindIndex "
        "tryFindIndexBack tryHead tryItem tryLast tryPick unfold unzip unzip3 where windowed "
        "zeroCreate zip zip3 insertAt removeAt updateAt"
    ),
    "Seq": (
        "allPairs append average averageBy cache cast choose chunkBySize collect compareWith "
        "concat contains countBy delay distinct distinctBy splitInto empty exactlyOne except "
        "exists exists2 filter find findBack findIndex findIndexBack fold fold2 foldBack "
        "foldBack2 forall forall2 groupBy head indexed init initInfinite isEmpty item iter iter2 "
        "iteri iteri2 last length map map2 map3 mapFold mapFoldBack mapi mapi2 max maxBy min "
        "minBy ofArray ofList pairwise permute pick readonly reduce reduceBack replicate rev scan "
        "scanBack singleton skip skipWhile sort sortBy sortByDescending sortDescending sortWith "
        "sum sumBy tail take takeWhile toArray toList transpose truncate tryExactlyOne tryFind "
        "tryFindBack tryFindIndex tryFindIndexBack tryHead tryItem tryLast tryPick unfold where "
        "windowed zip zip3"
    ),
    "Map": (
        "add change containsKey count empty exists filter find findKey fold foldBack forall "
        "isEmpty iter keys map ofArray ofList ofSeq partition pick remove toArray toList toSeq "
        "tryFind tryFindKey tryPick values minKeyValue maxKeyValue"
    ),
    "Set": (
        "add contains count difference empty exists filter fold foldBack forall intersect "
        "intersectMany isEmpty isProperSubset isProperSuperset isSubset isSuperset iter map "
        "maxElement minElement ofArray ofList ofSeq partition remove singleton toArray toList "
        "toSeq union unionMany"
    ),
    "Option": (
        "bind contains count defaultValue defaultWith exists filter flatten fold foldBack forall "
        "get isNone isSome iter map map2 map3 ofNullable ofObj orElse orElseWith toArray toList "
        "toNullable toObj"
    ),
    "Result": (
        "bind map mapError isOk isError defaultValue defaultWith toOption toList toArray contains "
        "count exists forall fold foldBack iter"
    ),
    "String": ("collect concat exists filter forall init iter iteri length map mapi replicate"),
}
"""Module -> its functions in FSharp.Core, separated by spaces."""

NOT_PROVIDED: dict[str, str] = {
    "Option.ofNullable": "Fusabi has no null",
    "Option.ofObj": "Fusabi has no null",
    "Option.toNullable": "Fusabi has no null",
    "Option.toObj": "Fusabi has no null",
}
"""FSharp.Core functions the library does not have, with the reason."""

DOCS = Path(__file__).resolve().parents[2] / "docs" / "fsharp.rst"


@pytest.mark.parametrize("module", sorted(FSHARP_CORE))
def test_every_fsharp_core_function_is_provided_or_listed(module: str) -> None:
    missing = [
        f"{module}.{name}"
        for name in FSHARP_CORE[module].split()
        if f"{module}.{name}" not in REGISTRY and f"{module}.{name}" not in NOT_PROVIDED
    ]
    assert not missing, f"FSharp.Core functions missing from the library: {missing}"


def test_the_ones_not_provided_are_really_missing_and_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in NOT_PROVIDED:
        assert name not in REGISTRY, name
        assert name.split(".")[1] in text, f"docs/fsharp.rst does not mention {name}"
