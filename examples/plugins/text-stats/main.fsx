// Text statistics: pure functions over strings, plus a call counter that
// shows plugin state surviving between calls.

let mutable calls = 0

let init () =
    calls <- 0

let private separators = [","; "."; ";"; ":"; "!"; "?"; "\""; "("; ")"; "\n"; "\t"; "\r"]

/// The words of a text, lower-cased, punctuation removed.
let words (text: string) : string list =
    separators
    |> List.fold (fun (acc: string) sep -> String.replace sep " " acc) (String.toLower text)
    |> String.split " "
    |> List.filter (fun w -> w <> "")

let word_count text =
    calls <- calls + 1
    List.length (words text)

let line_count (text: string) =
    calls <- calls + 1
    if text = "" then 0
    else text |> String.split "\n" |> List.length

/// The n most frequent words with their counts, most frequent first, ties alphabetical.
let top_words n text =
    calls <- calls + 1
    words text
    |> List.countBy id
    |> List.sortBy (fun (word, count) -> (-count, word))
    |> List.truncate n

let summary text =
    calls <- calls + 1
    let ws = words text
    { words = List.length ws
      lines = line_count text
      characters = String.length text
      unique = ws |> List.distinct |> List.length
      longest =
        match ws with
        | [] -> ""
        | _ -> List.maxBy String.length ws }
