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
