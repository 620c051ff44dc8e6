// File digest: reads files through the fs:read capability.  The host grants
// fs:read only for the directories it chooses; any other path is refused.

let digest (path: string) =
    let lines = File.readLines path
    let nonEmpty = lines |> List.filter (fun line -> String.trim line <> "")
    { path = path
      lines = List.length lines
      nonEmpty = List.length nonEmpty
      longest = if List.isEmpty lines then 0 else lines |> List.map String.length |> List.max }

/// Lines containing a word, numbered from 1.
let grep (word: string) (path: string) =
    File.readLines path
    |> List.mapi (fun i line -> (i + 1, line))
    |> List.filter (fun (_, line) -> String.contains word line)
