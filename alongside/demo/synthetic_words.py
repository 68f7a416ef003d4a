"""Invented things people say, for synthetic About-me records. Plain, varied, strengths first."""

WORDS = {
    "what_matters": (
        "Staying in my own home, near my neighbours.",
        "Seeing my grandchildren on Sundays.",
        "Getting out of the house more. I feel shut in.",
        "Not being a burden on my family.",
        "Keeping my allotment going, even if I need help with the digging.",
        "Getting back to church on a Sunday.",
        "Being able to make my own cup of tea.",
    ),
    "days": (
        "A good day is a walk to the shops and a chat on the way. A bad day is when the pain keeps me in bed.",
        "A good day has people in it. A bad day is long and quiet.",
        "Good days start early. Bad days are when I can't sleep and everything feels harder.",
    ),
    "strengths": (
        "I'm a good listener. People tell me things.",
        "I can make anyone laugh.",
        "I was a joiner for forty years. I can still mend most things.",
        "I'm stubborn, in a good way. I don't give up.",
        "I know everyone on this street.",
    ),
    "interests": (
        "Football. I've had a season ticket since I was twelve.",
        "Gardening, and my tomatoes.",
        "Singing in the choir at St Mark's.",
        "Knitting, and the knitting group at the library.",
        "Fishing at the canal with my brother.",
        "Baking. My scones are famous.",
        "Walking the dog along the river.",
    ),
    "people": (
        "My daughter rings every night.",
        "My neighbour pops in most mornings.",
        "My friends from the bowls club.",
        "My son, though he lives a long way off.",
    ),
    "support": (
        "Talk to me, not about me.",
        "Give me time to answer.",
        "Mornings are better for me than afternoons.",
        "Tell me what's happening before it happens.",
    ),
    "communication": (
        "Face me when you talk; I lip-read a bit.",
        "Write things down for me so I can read them again later.",
        "Phone me rather than writing.",
    ),
}

NEEDS = (
    ("community", "I can't get to the shops on my own any more."),
    ("relationships", "I don't see anyone from one week to the next."),
    ("nutrition", "Cooking a proper meal is too much for me now."),
    ("hygiene", "Getting in and out of the bath frightens me."),
    ("home_safety", "The stairs are hard since my hip."),
)

# Plans -----------------------------------------------------------------------------------------

# Goals in the person's words, with the Care Act wellbeing areas they touch.
GOALS = (
    (
        "I want to get out of the house twice a week, and not just to the doctor's.",
        ("participation", "relationships"),
    ),
    (
        "I'd like to get back to the allotment, even if someone else does the heavy digging.",
        ("participation", "health"),
    ),
    ("I want to cook my own tea again, at least some nights.", ("control",)),
    ("I want to see my grandchildren without someone having to fetch me.", ("relationships",)),
    (
        "I'd like to sleep through the night and stop worrying about falling on the stairs.",
        ("safety", "health", "accommodation"),
    ),
    ("I want my wife to have a proper break, without feeling guilty about it.", ("relationships",)),
    (
        "I'd like to get back to church on a Sunday and stay for the coffee after.",
        ("participation", "contribution"),
    ),
    (
        "I want to make some friends round here. I've lived here ten years and don't know anyone.",
        ("relationships", "participation"),
    ),
    ("I want to stay in my own home. I'm not going into a home.", ("accommodation", "control")),
    ("I'd like to feel confident going on the bus again.", ("control", "participation")),
    (
        "I want to be useful. I used to help at the food bank and I miss it.",
        ("contribution",),
    ),
    (
        "I want to sort my own money out, with a bit of help with the forms.",
        ("social_economic", "control"),
    ),
    ("I'd like to go to the football again with my son.", ("relationships", "participation")),
    ("I want to have a bath without being frightened.", ("dignity", "safety")),
    ("I want to sing again. It's the only time I forget the pain.", ("health", "participation")),
    ("I want to decide for myself what time I get up and go to bed.", ("control", "dignity")),
)

# A practitioner's summary, where the words are not the person's own.
GOAL_SUMMARIES = (
    ("Regular contact with people outside the home, most weeks.", ("relationships",)),
    ("To move safely around the house, day and night.", ("safety", "accommodation")),
    ("A carer's break that the family can rely on.", ("relationships", "health")),
)

# Ideas: (title, kind, funding, cost, pros, cons, usually suggested by).
# cost: None (free); ("one_off", pence); ("rate", pence, unit, units a week);
# ("table", unit-cost name, choices of units a week); ("unknown", unit, units a week).
IDEAS = (
    (
        "Walking group in the park on Tuesday mornings",
        "community",
        "free",
        None,
        "Gets me out and talking to people.",
        "Not much fun when it's raining.",
        "person",
    ),
    (
        "Knit and natter at the library",
        "community",
        "free",
        None,
        "I can already knit, so I'd have something to show them.",
        "",
        "supporter",
    ),
    (
        "Lunch club at the community centre",
        "community",
        "own_money",
        ("rate", 450, "session", "1"),
        "A hot dinner and company.",
        "Getting there.",
        "practitioner",
    ),
    (
        "The men's shed on Station Road",
        "community",
        "own_money",
        ("rate", 300, "session", "1"),
        "Using my hands again.",
        "",
        "supporter",
    ),
    (
        "A neighbour to help with the weekly shop",
        "family_friends",
        "free",
        None,
        "She offered, and I trust her.",
        "I don't like asking.",
        "person",
    ),
    (
        "Lifts to church from someone in the congregation",
        "family_friends",
        "free",
        None,
        "The vicar says there are three people who would.",
        "",
        "person",
    ),
    (
        "My son comes to the match with me every other Saturday",
        "family_friends",
        "free",
        None,
        "We used to go every week.",
        "He works some Saturdays.",
        "supporter",
    ),
    (
        "A tablet for video calls with the grandchildren",
        "one_off",
        "direct_payment",
        ("one_off", 18000),
        "I could see them every day.",
        "I'll need showing how.",
        "supporter",
    ),
    (
        "Raised beds at the allotment",
        "equipment",
        "direct_payment",
        ("one_off", 32000),
        "No more kneeling.",
        "",
        "person",
    ),
    (
        "Perching stool and kettle tipper",
        "equipment",
        "council_managed",
        ("one_off", 6500),
        "Safer in the kitchen.",
        "",
        "practitioner",
    ),
    (
        "A bath lift",
        "equipment",
        "council_managed",
        ("one_off", 42000),
        "A proper bath again.",
        "Fitting takes a few weeks.",
        "practitioner",
    ),
    (
        "A taxi to the allotment on Fridays",
        "own",
        "own_money",
        ("rate", 1200, "session", "1"),
        "I can go when I want.",
        "It adds up.",
        "person",
    ),
    (
        "A personal assistant for trips out",
        "paid",
        "direct_payment",
        ("table", "Personal assistant", ("3", "4", "6")),
        "Someone I choose, at times that suit me.",
        "Finding the right person takes time.",
        "practitioner",
    ),
    (
        "A session a week at the community day service",
        "commissioned",
        "commissioned",
        ("table", "Community day service session", ("1", "2")),
        "Music and company.",
        "",
        "practitioner",
    ),
    (
        "A week's respite twice a year",
        "paid",
        "council_managed",
        ("table", "Respite care", ("0.04",)),
        "A real break for both of us.",
        "A week away from home is hard.",
        "supporter",
    ),
    (
        "Swimming with a support worker",
        "paid",
        "direct_payment",
        ("unknown", "hour", "2"),
        "I loved swimming.",
        "The leisure centre hasn't said what it costs yet.",
        "person",
    ),
    (
        "Helping at the food bank on Wednesdays",
        "community",
        "free",
        None,
        "Being useful again.",
        "",
        "person",
    ),
    (
        "The carers' group at the library, for my daughter",
        "community",
        "free",
        None,
        "She'd meet people in the same boat.",
        "",
        "practitioner",
    ),
    (
        "Travel training to use the bus again",
        "community",
        "free",
        None,
        "Then I wouldn't need lifts.",
        "",
        "practitioner",
    ),
    (
        "The community choir",
        "community",
        "own_money",
        ("rate", 500, "month", "1"),
        "Singing with other people.",
        "Evening rehearsals.",
        "person",
    ),
)

# What the council would otherwise commission: (title, unit-cost name, choices of units a week).
TRADITIONAL = (
    ("Day centre place", "Day centre place", ("2", "3")),
    ("Home care visits", "Home care", ("7", "10", "14")),
)

# Actions: (what will be done, who does it).
ACTIONS = (
    ("Ring the walking group and ask about Tuesdays", "practitioner"),
    ("Try the lunch club for a month and say how it went", "person"),
    ("Ask the neighbours about lifts", "supporter"),
    ("Apply for the direct payment", "practitioner"),
    ("Book the occupational therapy visit", "practitioner"),
    ("Go along to the first session", "person"),
    ("Set up the tablet and show me the video calls", "supporter"),
    ("Send the introduction and the person's own words", "practitioner"),
    ("Confirm a start date", "provider"),
    ("Invite them to the open morning", "community"),
    ("Check the bus times and do the journey once together", "supporter"),
    ("Tell the practitioner if it isn't working", "person"),
)

COMMUNITY_ORGANISATIONS = ("Riverside Community Centre", "Station Road Men's Shed", "Age Well")
PROVIDERS = ("Brightwater Care", "Hillside Support Services")

CONTINGENCY = (
    (
        "I stop answering the phone, or I stop going out.",
        "Keep ringing. Come round if I don't answer by teatime.",
    ),
    (
        "I'm not eating, or I'm up all night.",
        "Ring my daughter first. If she can't come, ring the duty team.",
    ),
    (
        "My carer is ill or can't manage.",
        "Ring the emergency carers' line; the respite bed is arranged through the duty team.",
    ),
    (
        "I've had a fall, or I'm frightened to get up.",
        "Press the pendant alarm. Then ring my son.",
    ),
)

AGREEMENT_RESERVATIONS = (
    "I'll try it, but I'm not sure about going on my own.",
    "It's right, but I want to look at the money again after three months.",
    "I'd rather my daughter didn't have to do so much.",
)

REVIEWS = (
    (
        "I go out twice a week now.",
        "The lunch club. I know people there now.",
        "The taxi cost more than we thought.",
        "Going well; keep the community options, review the transport.",
    ),
    (
        "Things are harder since the winter.",
        "Having someone I know come round.",
        "The day service was too far.",
        "Needs have changed; a new version with more support at home.",
    ),
)
