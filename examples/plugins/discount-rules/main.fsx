// Discount rules: conditions are a recursive union, evaluated by pattern matching.

type Tier =
    | Bronze
    | Silver
    | Gold

type Condition =
    | TierIs of Tier
    | MinTotal of float
    | LoyalFor of years: int
    | All of Condition list
    | Any of Condition list
    | Not of Condition

type Rule = { Name: string; When: Condition; Percent: float }

let tierOf (text: string) =
    match String.toLower text with
    | "gold" -> Gold
    | "silver" -> Silver
    | "bronze" -> Bronze
    | other -> failwithf "unknown tier '%s'" other

let rules =
    [ { Name = "gold members"; When = TierIs Gold; Percent = 10.0 }
      { Name = "big basket"; When = MinTotal 200.0; Percent = 5.0 }
      { Name = "loyal silver"; When = All [ TierIs Silver; LoyalFor 3 ]; Percent = 7.5 }
      { Name = "welcome"; When = Not (Any [ LoyalFor 1; TierIs Gold ]); Percent = 2.0 } ]

let rec holds order condition =
    match condition with
    | TierIs tier -> tierOf order.tier = tier
    | MinTotal amount -> order.total >= amount
    | LoyalFor years -> order.years >= years
    | All conditions -> List.forall (holds order) conditions
    | Any conditions -> List.exists (holds order) conditions
    | Not inner -> not (holds order inner)

let matching order = rules |> List.filter (fun rule -> holds order rule.When)

/// The best discount (in percent) that applies to an order.
let discount order =
    match matching order with
    | [] -> 0.0
    | applicable -> applicable |> List.map (fun rule -> rule.Percent) |> List.max

/// Why: the names of every rule that applies.
let explain order = matching order |> List.map (fun rule -> rule.Name)

let rule_names () = rules |> List.map (fun rule -> rule.Name)
