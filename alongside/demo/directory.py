"""The demo council's own community directory: invented groups and services in the invented
town of Shirebrook (postcodes SB1 to SB8, which are not real), written for the demo's stories.

Ruth sings and lives with dementia: there are singing groups, a memory café and Parkside day
service, where people perform. Anne and Maggie care: there are carers' groups. There is no
motorbike or riders' club on purpose: in Dennis's story, Sam finds nothing and adds the
Shirebrook Riders' Club himself as a local service. Two listings were last updated over a year
ago, so they show as possibly out of date. Loading is idempotent."""

from dataclasses import dataclass
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from alongside.directory.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Source,
    SourceFormat,
)

SOURCE_NAME = "Shirebrook Community Directory"
# Not a file or web address: the demo's directory is written here, never re-imported.
SOURCE_LOCATION = "demo:shirebrook-community-directory"

# key: (place, street, town, postcode, latitude, longitude). Invented coordinates around one
# town centre, a few miles across, with one village about four miles out.
PLACES = {
    "st-marys": ("St Mary's Church Hall", "Church Street", "SB1 2SM", 53.2046, -1.2178),
    "methodist": ("Shirebrook Methodist Hall", "Victoria Street", "SB1 3VS", 53.2031, -1.2160),
    "library": ("Shirebrook Library", "Market Place", "SB1 1MP", 53.2040, -1.2195),
    "regal": ("The Regal", "High Street", "SB1 2RG", 53.2050, -1.2185),
    "park": ("Shirebrook Park, by the bandstand", "Park Road", "SB1 4PK", 53.2070, -1.2230),
    "health-centre": ("Shirebrook Health Centre", "Hill Street", "SB1 5HC", 53.2025, -1.2140),
    "parkside": ("Parkside Day Centre", "Parkside", "SB6 1PL", 53.2010, -1.2420),
    "welfare": ("The Miners' Welfare", "Welfare Road", "SB2 4MW", 53.2150, -1.2130),
    "mill-yard": ("Unit 4, Mill Yard", "Mill Lane", "SB2 3MY", 53.2120, -1.2240),
    "leisure": ("Shirebrook Leisure Centre", "Langwith Road", "SB3 2LC", 53.2060, -1.1950),
    "trinity": ("Trinity Church", "Trinity Road", "SB3 1TR", 53.2010, -1.2000),
    "brookside": ("Brookside Community Centre", "Brook Lane", "SB4 5BL", 53.1920, -1.2040),
    "hub": ("The Hub Youth Centre", "Station Road", "SB5 2HY", 53.1860, -1.2210),
    "allotments": ("Carr Lane Allotments", "Carr Lane", "SB7 3CL", 53.2160, -1.2470),
    "langbrook": ("Langbrook Village Hall", "Main Street, Langbrook", "SB8 1VH", 53.2420, -1.2810),
}
TOWN = "Shirebrook"

MO, TU, WE, TH, FR, SA, SU = "MO", "TU", "WE", "TH", "FR", "SA", "SU"
WEEKDAYS = "MO,TU,WE,TH,FR"


@dataclass(frozen=True)
class Listing:
    key: str
    name: str
    organisation: str
    description: str
    audience: str = ""
    ages: tuple[int | None, int | None] = (None, None)
    free: bool | None = True
    fees: str = ""
    places: tuple[str, ...] = ()
    # (days, opens, closes, words)
    when: tuple[tuple[str, time | None, time | None, str], ...] = ()
    phone: str = ""
    email: str = ""
    url: str = ""
    updated_days_ago: int = 30
    status: str = ServiceStatus.ACTIVE


def _t(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


LISTINGS = (
    Listing(
        "singing-together",
        "Singing Together",
        "Shirebrook Memory Friends",
        "A friendly singing group for people living with dementia and the people who care for "
        "them. We warm up gently, sing songs everyone knows (hymns, music hall, the Beatles) "
        "and finish with tea and a chat. You don't need to sing well, read music or remember "
        "the words: they are on big sheets. Carers sing too. Dementia friendly.",
        audience="People living with dementia and their carers",
        ages=(18, None),
        places=("st-marys",),
        when=((TU, _t(10, 30), _t(12), "every week"),),
        phone="01632 960301",
        email="sing@memoryfriends.shirebrook.example",
        updated_days_ago=20,
    ),
    Listing(
        "memory-cafe",
        "The Memory Café",
        "Shirebrook Memory Friends",
        "A relaxed café afternoon for people with memory problems or dementia, their families "
        "and carers. Tea and cake, music, reminiscence and a chance to talk to others who "
        "understand. A dementia adviser is there to answer questions.",
        audience="People with memory problems or dementia, and their families and carers",
        places=("library",),
        when=((FR, _t(14), _t(16), "every week"),),
        phone="01632 960301",
        email="cafe@memoryfriends.shirebrook.example",
        updated_days_ago=45,
    ),
    Listing(
        "community-choir",
        "Shirebrook Community Choir",
        "Shirebrook Community Choir",
        "A welcoming community choir singing pop, folk, gospel and show tunes in harmony. No "
        "auditions and no need to read music: we learn by ear. Concerts at Christmas and in "
        "the summer. The hall has step-free access and a hearing loop.",
        audience="Anyone who loves to sing",
        ages=(16, None),
        free=False,
        fees="£3 a session, first two sessions free",
        places=("methodist",),
        when=((TH, _t(19), _t(21), "every week"),),
        email="choir@shirebrook.example",
        url="https://choir.shirebrook.example",
        updated_days_ago=60,
    ),
    Listing(
        "st-marys-choir",
        "St Mary's Church Choir",
        "St Mary's Church, Shirebrook",
        "The church choir sings at the Sunday morning service and at weddings, and gives a "
        "carol concert every Christmas. New voices of every age are welcome, including people "
        "who sang years ago and would like to again. Rehearsals are on Friday evenings.",
        audience="Anyone who would like to sing in a church choir",
        ages=(8, None),
        places=("st-marys",),
        when=((FR, _t(18, 30), _t(20), "rehearsal"), (SU, _t(10), _t(11, 30), "Sunday service")),
        phone="01632 960310",
        email="choir@stmarys.shirebrook.example",
        updated_days_ago=90,
    ),
    Listing(
        "parkside-day-service",
        "Parkside Day Service",
        "Parkside Day Centre",
        "A day service for older people and adults living with dementia. Activities, outings, "
        "a hot lunch and company, Monday to Friday. There is a music room with a piano, and "
        "people who sing or play are welcome to perform for everyone: Wednesday mornings are "
        "music mornings.",
        audience="Older people and adults living with dementia",
        ages=(18, None),
        free=False,
        fees="£18 a session; a direct payment can pay for it",
        places=("parkside",),
        when=((WEEKDAYS, _t(9, 30), _t(15, 30), ""),),
        phone="01632 960320",
        email="hello@parkside.shirebrook.example",
        updated_days_ago=15,
    ),
    Listing(
        "parkside-music-mornings",
        "Music Mornings at Parkside",
        "Parkside Day Centre",
        "An open music morning: come to sing, play an instrument or listen. Performers of all "
        "abilities are welcome, with the piano and a song book to share. Visitors and family "
        "members are welcome alongside people who come to the day service.",
        audience="Everyone who enjoys music: performers and listeners",
        ages=(18, None),
        free=False,
        fees="£2 for visitors, including tea",
        places=("parkside",),
        when=((WE, _t(10), _t(12), "every week"),),
        phone="01632 960320",
        updated_days_ago=15,
    ),
    Listing(
        "carers-group",
        "Thursday Carers' Group",
        "Shirebrook Carers' Network",
        "A friendly group for unpaid carers: a cup of tea, a chat with people who understand, "
        "and information about breaks, money and support. Once a month a speaker comes. "
        "Someone from the network can help arrange a sitter so you can come.",
        audience="Unpaid carers looking after a family member, partner or friend",
        ages=(18, None),
        places=("library",),
        when=((TH, _t(10), _t(12), "every week"),),
        phone="01632 960330",
        email="carers@shirebrook.example",
        updated_days_ago=25,
    ),
    Listing(
        "dementia-carers-evening",
        "Evening Group for Dementia Carers",
        "Shirebrook Carers' Network",
        "An evening group for people caring for someone with dementia, for those who work or "
        "can't get out in the day. Share what helps, learn about the stages of dementia and "
        "about Lasting Power of Attorney.",
        audience="Carers of people living with dementia",
        ages=(18, None),
        places=("health-centre",),
        when=((TU, _t(18, 30), _t(20), "first Tuesday of the month"),),
        phone="01632 960330",
        updated_days_ago=40,
    ),
    Listing(
        "young-carers",
        "Young Carers' Club",
        "Shirebrook Carers' Network",
        "Games, trips and time to be yourself for children and young people who help look after "
        "someone at home.",
        audience="Young carers",
        ages=(8, 17),
        places=("hub",),
        when=((TU, _t(16), _t(18), "term time"),),
        phone="01632 960330",
        updated_days_ago=50,
    ),
    Listing(
        "good-neighbours",
        "Shirebrook Good Neighbours",
        "Shirebrook Good Neighbours",
        "Volunteers who visit for a chat, sit with someone so their carer can go out, help "
        "with shopping and go along to groups and appointments. We match you with a volunteer "
        "who lives nearby.",
        audience="Older people, disabled people and carers",
        ages=(18, None),
        places=("trinity",),
        when=((WEEKDAYS, _t(9), _t(17), "by arrangement: ring to ask"),),
        phone="01632 960340",
        email="hello@goodneighbours.shirebrook.example",
        updated_days_ago=35,
    ),
    Listing(
        "mens-shed",
        "Shirebrook Men's Shed",
        "Shirebrook Men's Shed",
        "A workshop where people make, mend and chat: woodwork, repairs for neighbours, "
        "restoring old tools and a lot of tea. Bring your skills, or learn new ones. Women are "
        "welcome on Wednesdays too.",
        audience="Men, mostly retired, and anyone who likes making and mending",
        ages=(18, None),
        free=False,
        fees="£2 a visit",
        places=("mill-yard",),
        when=((MO, _t(10), _t(15), "every week"), (WE, _t(10), _t(15), "every week")),
        phone="01632 960350",
        updated_days_ago=70,
    ),
    Listing(
        "strollers",
        "Shirebrook Strollers Walking Group",
        "Shirebrook Strollers",
        "Gentle health walks of about an hour on flat paths around the park and the old "
        "railway line, at the pace of the slowest walker, with a café stop at the end. Walk "
        "leaders are trained in first aid.",
        audience="Anyone who would like a gentle walk with company",
        places=("park",),
        when=((WE, _t(10), _t(11, 30), "every week"), (SA, _t(10), _t(11, 30), "every week")),
        phone="01632 960360",
        updated_days_ago=55,
    ),
    Listing(
        "lunch-club",
        "Over-60s Lunch Club",
        "Brookside Community Centre",
        "A two-course home-cooked lunch, with a quiz or bingo afterwards. A good way to meet "
        "people. Tell us about any special diets when you book.",
        audience="People aged 60 and over",
        ages=(60, None),
        free=False,
        fees="£4.50 for a two-course lunch",
        places=("brookside",),
        when=((TU, _t(12), _t(14), "every week"), (FR, _t(12), _t(14), "every week")),
        phone="01632 960370",
        updated_days_ago=30,
    ),
    Listing(
        "welfare-lunch",
        "Wednesday Lunch at the Welfare",
        "The Miners' Welfare",
        "A hot lunch and a game of dominoes. Closed for now while the kitchen is refitted.",
        audience="Older people",
        ages=(60, None),
        free=False,
        fees="£5",
        places=("welfare",),
        when=((WE, _t(12), _t(14), ""),),
        updated_days_ago=100,
        status=ServiceStatus.TEMPORARILY_CLOSED,
    ),
    Listing(
        "youth-club",
        "Shirebrook Youth Club",
        "The Hub Youth Centre",
        "Pool, music, sport, cooking and trips, with youth workers to talk to. A safe, warm "
        "place to spend the evening with friends.",
        audience="Young people",
        ages=(11, 18),
        free=False,
        fees="£1 a night",
        places=("hub",),
        when=((MO, _t(18), _t(20, 30), "every week"), (TH, _t(18), _t(20, 30), "every week")),
        phone="01632 960380",
        updated_days_ago=20,
    ),
    Listing(
        "toddler-music",
        "Toddler Music Time",
        "Shirebrook Library",
        "Songs, rhymes and shakers for babies and toddlers with their parents and carers.",
        audience="Babies and toddlers with a parent or carer",
        ages=(0, 4),
        places=("library",),
        when=((MO, _t(10), _t(10, 45), "every week"),),
        phone="01632 960390",
        updated_days_ago=25,
    ),
    Listing(
        "knit-and-natter",
        "Knit and Natter",
        "Shirebrook Library",
        "Bring your knitting, crochet or sewing, or learn from someone who can. Tea is on us.",
        audience="Anyone who likes to knit, crochet or sew, or would like to learn",
        places=("library",),
        when=((WE, _t(13, 30), _t(15, 30), "every week"),),
        phone="01632 960390",
        updated_days_ago=65,
    ),
    Listing(
        "digital-drop-in",
        "Digital Drop-in",
        "Shirebrook Library",
        "Help with phones, tablets and computers: video calls with family, online shopping, "
        "repeat prescriptions and staying safe online. Bring your own device or use ours.",
        audience="Anyone who would like help with technology",
        places=("library",),
        when=((FR, _t(10), _t(12), "every week"),),
        phone="01632 960390",
        updated_days_ago=30,
    ),
    Listing(
        "chair-yoga",
        "Chair Yoga",
        "Brookside Community Centre",
        "Gentle stretching and breathing, seated or standing with a chair for support. Good for "
        "balance and confidence after a fall or illness.",
        audience="Older people and anyone who finds standing exercise hard",
        ages=(50, None),
        free=False,
        fees="£3 a class",
        places=("brookside",),
        when=((MO, _t(14), _t(15), "every week"),),
        phone="01632 960370",
        updated_days_ago=80,
    ),
    Listing(
        "swim-over-50s",
        "Over-50s Swimming",
        "Shirebrook Leisure Centre",
        "Quiet lane swimming for people over 50, with a hoist into the pool and a warm changing "
        "room. Aqua-fit on Wednesdays.",
        audience="People aged 50 and over",
        ages=(50, None),
        free=False,
        fees="£2.80 a swim",
        places=("leisure",),
        when=((f"{MO},{WE},{FR}", _t(8), _t(9), "every week"),),
        phone="01632 960400",
        url="https://leisure.shirebrook.example",
        updated_days_ago=10,
    ),
    Listing(
        "bowls",
        "Welfare Bowls Club",
        "The Miners' Welfare",
        "Flat green bowls on the Welfare green from April to September, indoor short mat bowls "
        "in the winter. Woods to borrow, and someone to show you how.",
        audience="Adults of every ability",
        ages=(18, None),
        free=False,
        fees="£25 a year, first month free",
        places=("welfare",),
        when=((TU, _t(14), _t(16, 30), ""), (SA, _t(14), _t(16, 30), "")),
        phone="01632 960410",
        updated_days_ago=120,
    ),
    Listing(
        "tea-dance",
        "Tea Dance at the Welfare",
        "The Miners' Welfare",
        "Ballroom and sequence dancing to a live band, with tea and sandwiches. Come to dance "
        "or just to listen to the music.",
        audience="Anyone who loves dancing and the old tunes",
        free=False,
        fees="£5 including tea",
        places=("welfare",),
        when=((SU, _t(14), _t(17), "first Sunday of the month"),),
        phone="01632 960410",
        updated_days_ago=440,  # possibly out of date
    ),
    Listing(
        "ukulele",
        "Shirebrook Ukulele Strummers",
        "Shirebrook Ukulele Strummers",
        "Learn to play the ukulele in a friendly group and play songs together. Ukuleles to "
        "borrow for your first few weeks.",
        audience="Beginners and players",
        ages=(12, None),
        free=False,
        fees="£2 a session",
        places=("methodist",),
        when=((WE, _t(19), _t(20, 30), "every week"),),
        updated_days_ago=500,  # possibly out of date
    ),
    Listing(
        "film-club",
        "Friendly Film Club",
        "The Regal",
        "A dementia-friendly screening of a classic film: lights left low, the sound not too "
        "loud, a tea break halfway, and it's fine to move about or sing along.",
        audience="People living with dementia, their families and friends, and anyone",
        free=False,
        fees="£4 including tea",
        places=("regal",),
        when=((FR, _t(13, 30), _t(16), "second Friday of the month"),),
        phone="01632 960420",
        updated_days_ago=35,
    ),
    Listing(
        "art-for-wellbeing",
        "Art for Wellbeing",
        "Brookside Community Centre",
        "Painting, drawing and collage in a calm group with an artist. No experience needed; "
        "materials provided.",
        audience="Adults who would like to try art, including people with mental health needs",
        ages=(18, None),
        free=False,
        fees="£2 a session",
        places=("brookside",),
        when=((TH, _t(13, 30), _t(15, 30), "every week"),),
        phone="01632 960370",
        updated_days_ago=45,
    ),
    Listing(
        "growing-together",
        "Growing Together Garden Group",
        "Carr Lane Allotments",
        "Grow fruit, vegetables and flowers on a shared plot with raised beds you can reach from "
        "a chair. Tools, seeds and tea provided; take home what you grow.",
        audience="Anyone, including people with memory problems and their carers",
        places=("allotments",),
        when=((SA, _t(10), _t(12), "every week, March to October"),),
        phone="01632 960430",
        updated_days_ago=28,
    ),
    Listing(
        "history-society",
        "Shirebrook Local History Society",
        "Shirebrook Local History Society",
        "Talks about the town, the pits and the railways, with old photographs and memories "
        "shared over tea. Members research family and local history together.",
        audience="Adults interested in local history",
        ages=(18, None),
        free=False,
        fees="£2 a talk",
        places=("library",),
        when=((TU, _t(19), _t(21), "second Tuesday of the month"),),
        updated_days_ago=75,
    ),
    Listing(
        "langbrook-coffee",
        "Langbrook Coffee Morning",
        "Langbrook Village Hall",
        "Coffee, cake and company in the village hall, with a small library and a raffle.",
        audience="Everyone in Langbrook and nearby",
        free=True,
        fees="donations welcome",
        places=("langbrook",),
        when=((SA, _t(10), _t(12), "every week"),),
        updated_days_ago=40,
    ),
    Listing(
        "stroke-group",
        "Stroke Survivors' Group",
        "Shirebrook Health Centre",
        "Support after a stroke: talk with others who have been there, gentle exercise and "
        "speech practice with volunteers. Family members welcome.",
        audience="People who have had a stroke, and their families",
        ages=(18, None),
        places=("health-centre",),
        when=((TH, _t(14), _t(16), "last Thursday of the month"),),
        phone="01632 960440",
        updated_days_ago=60,
    ),
    Listing(
        "bereavement-cafe",
        "Bereavement Café",
        "Trinity Church",
        "A quiet, friendly space for anyone who has lost someone close, however long ago. Tea, "
        "cake and someone to listen.",
        audience="Anyone who has been bereaved",
        ages=(18, None),
        places=("trinity",),
        when=((WE, _t(14), _t(16), "third Wednesday of the month"),),
        phone="01632 960450",
        updated_days_ago=50,
    ),
    Listing(
        "food-bank",
        "Shirebrook Food Bank",
        "Trinity Church",
        "Three days of food for anyone in need, with a referral or by calling in. Help with "
        "energy bills and benefits on the same day.",
        audience="Anyone struggling to afford food",
        places=("trinity",),
        when=((MO, _t(12), _t(14), ""), (TH, _t(12), _t(14), "")),
        phone="01632 960450",
        updated_days_ago=12,
    ),
    Listing(
        "community-transport",
        "Shirebrook Community Transport",
        "Shirebrook Community Transport",
        "A door-to-door minibus with a lift for people who can't use buses easily: to groups, "
        "shops, the day centre and appointments. Book at least two days ahead.",
        audience="Older people and disabled people who find buses hard",
        free=False,
        fees="£3 return in town, £5 to Langbrook",
        when=((WEEKDAYS, _t(9), _t(16), "book by phone"),),
        phone="01632 960460",
        updated_days_ago=30,
    ),
    Listing(
        "phone-friends",
        "Phone Friends",
        "Shirebrook Good Neighbours",
        "A friendly phone call once or twice a week from the same volunteer, for a chat about "
        "anything. For people who can't get out much.",
        audience="People who are lonely or can't get out much",
        ages=(18, None),
        phone="01632 960340",
        updated_days_ago=35,
    ),
    Listing(
        "peer-support",
        "Talk It Through Peer Support",
        "Shirebrook Mind",
        "A peer support group for adults living with anxiety or low mood, run by people with "
        "their own experience of mental ill health.",
        audience="Adults living with anxiety or low mood",
        ages=(18, None),
        places=("brookside",),
        when=((MO, _t(18), _t(19, 30), "every week"),),
        phone="01632 960470",
        updated_days_ago=22,
    ),
)


@transaction.atomic
def directory_load() -> None:
    """The demo's directory, as if imported from the council's own feed (not re-imported)."""
    source, _created = Source.objects.update_or_create(
        location=SOURCE_LOCATION,
        defaults={"name": SOURCE_NAME, "format": SourceFormat.HSDS_3, "refresh": False},
    )
    places = {
        key: Location.objects.update_or_create(
            source=source,
            feed_id=key,
            defaults={
                "name": name,
                "address": street,
                "town": TOWN,
                "postcode": postcode,
                "latitude": latitude,
                "longitude": longitude,
            },
        )[0]
        for key, (name, street, postcode, latitude, longitude) in PLACES.items()
    }
    organisations = {}
    today = timezone.localdate()
    for listing in LISTINGS:
        if listing.organisation not in organisations:
            organisations[listing.organisation] = Organization.objects.update_or_create(
                source=source,
                feed_id=_slug(listing.organisation),
                defaults={"name": listing.organisation},
            )[0]
        _listing_load(listing, source, organisations[listing.organisation], places, today)
    Source.objects.filter(pk=source.pk).update(last_imported_at=timezone.now())


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def _listing_load(listing: Listing, source, organisation, places, today) -> None:
    low, high = listing.ages
    service, _created = Service.objects.update_or_create(
        source=source,
        feed_id=listing.key,
        defaults={
            "organization": organisation,
            "name": listing.name,
            "description": listing.description,
            "audience": listing.audience,
            "minimum_age": low,
            "maximum_age": high,
            "is_free": listing.free,
            "fees": listing.fees,
            "phone": listing.phone,
            "email": listing.email,
            "url": listing.url,
            "status": listing.status,
            "last_modified": today - timedelta(days=listing.updated_days_ago),
        },
    )
    Schedule.objects.filter(service=service).delete()
    Schedule.objects.bulk_create(
        Schedule(
            service=service,
            freq="MONTHLY" if "month" in words else "WEEKLY",
            byday=days,
            opens_at=opens,
            closes_at=closes,
            description=words,
        )
        for days, opens, closes, words in listing.when
    )
    for key in listing.places:
        ServiceAtLocation.objects.get_or_create(service=service, location=places[key])
