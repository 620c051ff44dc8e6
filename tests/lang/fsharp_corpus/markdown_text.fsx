open System

type Block =
    | Heading of int * string
    | Bullet of string
    | Para of string
    | Blank

let (|Prefix|_|) (p: string) (s: string) =
    if s.StartsWith p then Some (s.Substring(p.Length)) else None

let classify (line: string) =
    match line.TrimEnd() with
    | "" -> Blank
    | Prefix "### " rest -> Heading (3, rest)
    | Prefix "## " rest -> Heading (2, rest)
    | Prefix "# " rest -> Heading (1, rest)
    | Prefix "- " rest | Prefix "* " rest -> Bullet rest
    | other -> Para other

let stripInline (s: string) =
    s.Replace("**", "").Replace("`", "").Replace("_", " ")

let render block =
    match block with
    | Heading (1, t) -> [ t.ToUpper(); String('=', t.Length) ]
    | Heading (2, t) -> [ t; String('-', t.Length) ]
    | Heading (_, t) -> [ "> " + t ]
    | Bullet t -> [ "  * " + stripInline t ]
    | Para t -> [ stripInline t ]
    | Blank -> [ "" ]

let source = """# Release notes
Version **2.1** is out.

## Fixes
- crash on `save`
* slow_start on boot
### Thanks
everyone"""

let lines = source.Split('\n')
lines |> Array.map classify |> Array.toList |> List.collect render |> List.iter (printfn "%s")
let headings = lines |> Array.map classify |> Array.choose (function Heading (n, t) -> Some (sprintf "%d:%s" n t) | _ -> None)
printfn "%s" (String.Join("|", headings))
