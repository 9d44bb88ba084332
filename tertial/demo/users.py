"""The demo users: one per role, with fixed passwords that `load_demo` prints. For demonstrations only."""

from . import hasselby_vallingby_2022 as hv
from . import socialnamnden_2024 as soc

HV = hv.NAMND["slug"]
SOC = soc.NAMND["slug"]

USERS = [
    {"username": "skribent", "first_name": "Sara", "last_name": "Lindqvist", "role": "skribent", "namnd": HV},
    {"username": "controller", "first_name": "Erik", "last_name": "Johansson", "role": "controller", "namnd": HV},
    {
        "username": "sekreterare",
        "first_name": "Maria",
        "last_name": "Nilsson",
        "role": "namndsekreterare",
        "namnd": HV,
    },
    {"username": "skribent-soc", "first_name": "Ahmed", "last_name": "Karlsson", "role": "skribent", "namnd": SOC},
    {"username": "controller-soc", "first_name": "Karin", "last_name": "Berg", "role": "controller", "namnd": SOC},
    {"username": "stad", "first_name": "Lars", "last_name": "Holm", "role": "stadsovergripande"},
    {"username": "stadsadmin", "first_name": "Anna", "last_name": "Ek", "role": "stadsadministrator"},
    {"username": "admin", "first_name": "Eva", "last_name": "Sundberg", "superuser": True},
]
for _user in USERS:
    _user["password"] = f"demo-{_user['username']}-2022"

# Who writes what, as a controller would have assigned it: (nämnd, period, goal number or section kind, user).
RESPONSIBLE = [
    (HV, hv.PERIOD, "sammanfattande_analys", "controller"),
    (HV, hv.PERIOD, "1", "controller"),
    (HV, hv.PERIOD, "1.1", "skribent"),
    (HV, hv.PERIOD, "1.1.1", "skribent"),
    (HV, hv.PERIOD, "1.2", "skribent"),
    (SOC, soc.PERIOD, "1.3", "skribent-soc"),
    (SOC, soc.PERIOD, "1.3.1", "skribent-soc"),
]
