[<Struct>]
type Vec =
    { X: int; Y: int }
    static member (+) (a: Vec, b: Vec) = { X = a.X + b.X; Y = a.Y + b.Y }
    static member (*) (k: int, v: Vec) = { X = k * v.X; Y = k * v.Y }
    static member Zero = { X = 0; Y = 0 }
    member v.Manhattan = abs v.X + abs v.Y
    override v.ToString() = sprintf "(%d,%d)" v.X v.Y

type Heading = N | E | S | W

let turnRight h = match h with N -> E | E -> S | S -> W | W -> N
let turnLeft h = match h with N -> W | W -> S | S -> E | E -> N
let unit h =
    match h with
    | N -> { X = 0; Y = 1 }
    | E -> { X = 1; Y = 0 }
    | S -> { X = 0; Y = -1 }
    | W -> { X = -1; Y = 0 }

type Robot = { Pos: Vec; Facing: Heading; Trail: Vec list }

let (|Forward|Left|Right|Unknown|) (cmd: string) =
    if cmd = "L" then Left
    elif cmd = "R" then Right
    elif cmd.StartsWith "F" then
        match System.Int32.TryParse(cmd.Substring 1) with
        | true, n -> Forward n
        | _ -> Unknown
    else Unknown

let execute robot cmd =
    match cmd with
    | Left -> { robot with Facing = turnLeft robot.Facing }
    | Right -> { robot with Facing = turnRight robot.Facing }
    | Forward n ->
        let p = robot.Pos + n * unit robot.Facing
        { robot with Pos = p; Trail = p :: robot.Trail }
    | Unknown ->
        printfn "  skipping bad command %s" cmd
        robot

let program = "F10 R F5 R F3 L L F1 X9 R F2 Fz L F4".Split ' '
let start = { Pos = Vec.Zero; Facing = N; Trail = [ Vec.Zero ] }
let finish = program |> Array.fold execute start
printfn "final position %O facing %A" finish.Pos finish.Facing
printfn "distance from origin: %d" finish.Pos.Manhattan
printfn "trail: %s" (finish.Trail |> List.rev |> List.map string |> String.concat " -> ")
let farthest = finish.Trail |> List.maxBy (fun v -> v.Manhattan)
printfn "farthest point: %O (%d)" farthest farthest.Manhattan
printfn "sum of trail: %O" (List.fold (+) Vec.Zero finish.Trail)
