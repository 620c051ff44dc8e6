let normalize (s: string) =
    s.ToUpper()
    |> Seq.filter (fun c -> c >= 'A' && c <= 'Z')
    |> Seq.map string
    |> String.concat ""

let isPalindrome s =
    let n = normalize s
    let rev = n |> Seq.rev |> Seq.map string |> String.concat ""
    n.Length > 0 && n = rev

let sortedKey s =
    normalize s |> Seq.sort |> Seq.map string |> String.concat ""

let areAnagrams a b = sortedKey a = sortedKey b

let phrases =
    [ "A man, a plan, a canal: Panama"
      "Hello"
      "Was it a car or a cat I saw?"
      "!!" ]

for p in phrases do
    printfn "%-32s %b" (sprintf "\"%s\"" p) (isPalindrome p)

let pairs =
    [ ("listen", "silent"); ("Dormitory", "dirty room"); ("apple", "paple"); ("abc", "abd") ]

for (a, b) in pairs do
    let verdict = if areAnagrams a b then "anagrams" else "different"
    printfn "%s / %s: %s" a b verdict
