"""Invented names and places for demo and synthetic people. Any likeness is chance."""

GIVEN_NAMES = tuple(
    """
    Aaliyah Abdul Ada Adam Agnes Ahmed Aisha Alan Albert Alfie Alice Alina Amara Amir Amy Ana
    Andrew Angela Anita Ann Annie Anthony Arthur Asha Audrey Barbara Barry Beatrice Ben
    Bernard Beryl Betty Bilal Brenda Brian Bridget Carl Carol Catherine Chen Chidi Christine
    Clive Colin Connie Cyril Daniel Daphne David Dawn Deborah Derek Diane Doreen Dorothy
    Douglas Edith Edna Edward Eileen Elaine Elsie Emeka Emily Eric Ethel Eva Farah Fatima
    Florence Frank Gareth Gary Geoffrey George Gladys Glenys Gordon Grace Graham Gwen Hamza
    Harold Harry Hazel Helen Ibrahim Irene Isaac Ivy Jack Jacqueline James Jane Janet Jean
    Jennifer Joan John Joyce Julie Karen Kathleen Keith Kenneth Kwame Leonard Lesley Lily
    Linda Lorna Mabel Malcolm Margaret Marjorie Martin Mary Maureen Mavis Michael Mohammed
    Muriel Nadia Nancy Neil Nigel Norma Norman Olive Omar Pamela Patricia Pauline Peggy Peter
    Phyllis Priya Raj Ray Rita Robert Roger Ronald Rose Sandra Sarah Shirley Sian Stanley
    Susan Sylvia Tariq Terence Theresa Thomas Tony Valerie Vera Violet Walter Wendy William
    Winifred Yusuf Zainab
    """.split()
)

FAMILY_NAMES = tuple(
    """
    Adams Ahmed Akhtar Ali Allen Anderson Atkinson Bailey Baker Banks Barker Bell Bennett
    Brown Butler Campbell Carter Chapman Clarke Cole Collins Cook Cooper Cox Davies Dixon
    Edwards Evans Fisher Fletcher Foster Fox Gibson Graham Gray Green Griffiths Hall Harris
    Harrison Hill Holmes Hughes Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Khan
    King Knight Lee Lewis Lloyd Marshall Martin Mason Matthews Miah Mills Mitchell Moore
    Morgan Morris Murphy Murray Nowak Owen Palmer Parker Patel Pearson Phillips Powell Price
    Reid Richards Richardson Roberts Robinson Rogers Russell Scott Shaw Simpson Singh Smith
    Stevens Stewart Taylor Thomas Thompson Turner Walker Ward Watson Webb White Wilkinson
    Williams Wilson Wood Wright Young
    """.split()
)

STREETS = [
    "Shirebrook Road",
    "Mill Lane",
    "Church Street",
    "Station Road",
    "Park Avenue",
    "Victoria Street",
    "Chapel Lane",
    "Queens Road",
    "Orchard Close",
    "Meadow View",
    "Beech Grove",
    "Canal Side",
    "Market Street",
    "Parkside",
    "Hawthorn Drive",
    "Elm Terrace",
    "Brook Street",
    "Castle Hill",
    "Willow Way",
    "Forge Lane",
]

TOWN = "Shirebrook"
POSTCODE_AREAS = ("SB1", "SB2", "SB3", "SB4", "SB5", "SB6", "SB7", "SB8")

RELATIONSHIP_DETAILS = {
    "family": ("daughter", "son", "sister", "brother", "niece", "grandson", "granddaughter"),
    "friend": ("friend from church", "old workmate", "friend from the allotments"),
    "neighbour": ("next-door neighbour", "neighbour across the road"),
}

_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def invented_postcode(rng) -> str:
    """A postcode-shaped string in an area that does not exist (SB is not a UK postcode area)."""
    letters = rng.choice(_POSTCODE_LETTERS) + rng.choice(_POSTCODE_LETTERS)
    return f"{rng.choice(POSTCODE_AREAS)} {rng.randint(1, 9)}{letters}"


def invented_address(rng) -> str:
    return f"{rng.randint(1, 300)} {rng.choice(STREETS)}\n{TOWN}"


def invented_supporter_name(rng, *, kind: str, family_name: str) -> str:
    """Family share the person's last name; friends and neighbours have their own."""
    surname = family_name if kind == "family" else rng.choice(FAMILY_NAMES)
    return f"{rng.choice(GIVEN_NAMES)} {surname}"
