from django.core.management.base import BaseCommand

from filings.demo import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "Create the demo case, its docket and one user per role (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        case = load_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo case {case.number}: {case.caption}")
        )
        self.stdout.write(f"Logins (password for all: {DEMO_PASSWORD}):")
        for user in USERS:
            self.stdout.write(f"  {user.username:<18} {user.role}")
        self.stdout.write("  (no login)         the public")
