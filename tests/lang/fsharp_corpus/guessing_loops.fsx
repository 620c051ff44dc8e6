let secret = 73
let mutable low = 1
let mutable high = 100
let mutable guesses = 0
let mutable found = false

while not found do
    let guess = (low + high) / 2
    guesses <- guesses + 1
    if guess = secret then
        printfn "guess %d: %d correct!" guesses guess
        found <- true
    elif guess < secret then
        printfn "guess %d: %d too low" guesses guess
        low <- guess + 1
    else
        printfn "guess %d: %d too high" guesses guess
        high <- guess - 1

printfn "found in %d guesses" guesses

let mutable n = 987654
let mutable digitSum = 0
while n > 0 do
    digitSum <- digitSum + n % 10
    n <- n / 10
printfn "digit sum: %d" digitSum

let mutable i = 1
let mutable product = 1
while product < 1000 do
    i <- i + 1
    product <- product * i
printfn "first factorial over 1000: %d! = %d" i product
