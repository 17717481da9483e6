"""The rules language's grammar (lark, LALR(1)); docs/rules.md describes it for users.

Precedence, loosest first: `or`, `and`, `not`, comparisons (not chainable), `+ -`,
`* /`, unary `-`. There are no strings, subscripts or attribute access: those characters
do not lex, and the parser names them in its error.
"""

GRAMMAR = r"""
?start: disjunction

?disjunction: conjunction
    | disjunction OR conjunction -> binary
?conjunction: negation
    | conjunction AND negation -> binary
?negation: comparison
    | NOT negation -> unary
?comparison: sum
    | sum COMPARE sum -> binary
?sum: product
    | sum (PLUS | MINUS) product -> binary
?product: signed
    | product (TIMES | DIVIDE) signed -> binary
?signed: atom
    | MINUS signed -> unary
?atom: NUMBER -> number
    | TRUE -> boolean
    | FALSE -> boolean
    | NAME -> name
    | NAME "(" [arguments] ")" -> call
    | "(" disjunction ")"

arguments: disjunction ("," disjunction)*

OR: "or"
AND: "and"
NOT: "not"
TRUE: "true"
FALSE: "false"
COMPARE: "<=" | ">=" | "==" | "!=" | "<" | ">"
PLUS: "+"
MINUS: "-"
TIMES: "*"
DIVIDE: "/"
NAME: /[A-Za-z_][A-Za-z0-9_]*/
NUMBER: /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/

%ignore /[ \t\r\n]+/
"""
