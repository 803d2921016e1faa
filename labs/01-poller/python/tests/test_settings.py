import unittest
from pathlib import Path

from cdc_lab import ConfigurationError

from settings import Settings, read_settings

ENV = {"DATABASE_URL": "postgres://u:secret@localhost:5432/cdclab"}


class SettingsTest(unittest.TestCase):
    def test_has_defaults_for_everything_but_the_database(self) -> None:
        self.assertEqual(
            read_settings([], ENV),
            Settings(
                database_url=ENV["DATABASE_URL"],
                interval_ms=5_000,
                mode="keyset",
                lag_ms=0,
                batch_size=100,
                state_file=Path(".cdc-lab/labs/01") / "bookmark.state.json",
            ),
        )

    def test_reads_environment_variables_and_flags_win_over_them(self) -> None:
        env = {
            **ENV,
            "CDC_POLL_INTERVAL_MS": "250",
            "CDC_POLL_BOOKMARK": "naive",
            "CDC_POLL_LAG_MS": "1000",
            "CDC_POLL_BATCH_SIZE": "2",
            "CDC_STATE_DIR": "/tmp/x",
        }
        from_env = read_settings([], env)
        assert isinstance(from_env, Settings)
        self.assertEqual(
            (from_env.interval_ms, from_env.mode, from_env.lag_ms, from_env.batch_size, from_env.state_file),
            (250, "naive", 1000, 2, Path("/tmp/x/bookmark.state.json")),
        )
        flags = read_settings(["--interval", "100", "--bookmark", "keyset", "--lag", "0", "--batch-size=5"], env)
        assert isinstance(flags, Settings)
        self.assertEqual((flags.interval_ms, flags.mode, flags.lag_ms, flags.batch_size), (100, "keyset", 0, 5))

    def test_rejects_values_it_cannot_use_naming_the_flag(self) -> None:
        cases = [
            (["--interval", "0"], "--interval"),
            (["--interval", "1.5"], "--interval"),
            (["--interval", str(30 * 86_400_000)], "--interval"),
            (["--lag", "-1"], "--lag"),
            (["--bookmark", "timestamp"], "keyset or naive"),
            (["--batch-size", "ten"], "--batch-size"),
            (["--fast"], "--fast"),
            (["--interval"], "--interval"),
        ]
        for argv, named in cases:
            with self.subTest(argv=argv):
                with self.assertRaisesRegex(ConfigurationError, named):
                    read_settings(argv, ENV)
        with self.assertRaisesRegex(ConfigurationError, "DATABASE_URL"):
            read_settings([], {})

    def test_answers_help_without_needing_a_database(self) -> None:
        self.assertEqual(read_settings(["--help"], {}), "help")


if __name__ == "__main__":
    unittest.main()
