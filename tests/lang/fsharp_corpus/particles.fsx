// Integer particle simulation in a box with elastic wall bounces
type Particle =
    { Name: char
      mutable X: int
      mutable Y: int
      mutable Vx: int
      mutable Vy: int
      mutable Bounces: int }

let width, height = 12, 5

let particles =
    [| { Name = 'a'; X = 0; Y = 0; Vx = 3; Vy = 1; Bounces = 0 }
       { Name = 'b'; X = 11; Y = 4; Vx = -2; Vy = -1; Bounces = 0 }
       { Name = 'c'; X = 5; Y = 2; Vx = 0; Vy = 2; Bounces = 0 } |]

let move (p: Particle) =
    let mutable nx = p.X + p.Vx
    let mutable ny = p.Y + p.Vy
    if nx < 0 then
        nx <- -nx
        p.Vx <- -p.Vx
        p.Bounces <- p.Bounces + 1
    elif nx >= width then
        nx <- 2 * (width - 1) - nx
        p.Vx <- -p.Vx
        p.Bounces <- p.Bounces + 1
    if ny < 0 then
        ny <- -ny
        p.Vy <- -p.Vy
        p.Bounces <- p.Bounces + 1
    elif ny >= height then
        ny <- 2 * (height - 1) - ny
        p.Vy <- -p.Vy
        p.Bounces <- p.Bounces + 1
    p.X <- nx
    p.Y <- ny

let draw () =
    for y in 0 .. height - 1 do
        let line = Array.create width '.'
        for p in particles do
            if p.Y = y then
                line.[p.X] <- (if line.[p.X] = '.' then p.Name else '*')
        printfn "|%s|" (System.String line)

printfn "initial:"
draw ()
for step in 1 .. 6 do
    particles |> Array.iter move
    let positions = particles |> Array.map (fun p -> sprintf "%c(%d,%d)" p.Name p.X p.Y) |> String.concat " "
    printfn "step %d: %s" step positions
printfn "after 6 steps:"
draw ()
for p in particles do
    printfn "%c bounced %d times, velocity (%d,%d)" p.Name p.Bounces p.Vx p.Vy
