//! The clock estimate, its advice and its retries, against hand-worked cases.

mod retry_tests {
    use super::super::*;

    #[test]
    fn network_failures_are_retried_ever_more_slowly_up_to_five_minutes() {
        let delays: Vec<_> = (1..=8).map(|n| retry_after_ms(SyncError::Unreachable, n)).collect();
        assert_eq!(delays[..5], [Some(15_000), Some(30_000), Some(60_000), Some(120_000), Some(300_000)]);
        assert!(delays[5..].iter().all(|d| *d == Some(300_000)));
        assert_eq!(retry_after_ms(SyncError::TooSlow { rtt_ms: 6_000.0 }, 1), Some(15_000));
    }

    #[test]
    fn a_reference_that_answered_wrongly_is_not_asked_again_by_itself() {
        for e in [SyncError::NoDate, SyncError::Absurd { offset_ms: 9e10 }, SyncError::Inconsistent] {
            assert_eq!(retry_after_ms(e, 1), None, "{e}");
        }
    }
}

mod tests {
    use super::super::*;

    #[test]
    fn http_dates_parse_to_unix_seconds() {
        // RFC 9110's own example.
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"), Some(951_825_600));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
        assert_eq!(parse_http_date(""), None);
    }

    #[test]
    fn one_sample_allows_a_second_plus_the_round_trip() {
        let s = Sample { sent_ms: 10_000.0, received_ms: 10_040.0, server_secs: 10 };
        let e = estimate(&[s]).expect("estimate");
        assert_eq!(s.bounds(), (-40.0, 1000.0));
        assert_eq!((e.offset_ms, e.uncertainty_ms), (480.0, 520.0));
    }

    #[test]
    fn absurd_and_slow_answers_are_refused() {
        let far = Sample { sent_ms: 0.0, received_ms: 10.0, server_secs: 2 * 86_400 };
        assert!(matches!(estimate(&[far]), Err(SyncError::Absurd { .. })));
        let slow = Sample { sent_ms: 0.0, received_ms: 6_000.0, server_secs: 3 };
        assert!(matches!(estimate(&[slow]), Err(SyncError::TooSlow { .. })));
        assert_eq!(estimate(&[]), Err(SyncError::Unreachable));
    }

    #[test]
    fn a_contradicting_sample_is_dropped() {
        let good = [
            Sample { sent_ms: 0.0, received_ms: 2.0, server_secs: 5 },
            Sample { sent_ms: 300.0, received_ms: 302.0, server_secs: 5 },
        ];
        let odd = Sample { sent_ms: 100.0, received_ms: 190.0, server_secs: 9 };
        let e = estimate(&[good[0], good[1], odd]).expect("estimate");
        assert_eq!(e.rejected, 1);
        assert!((e.offset_ms - estimate(&good).expect("good").offset_ms).abs() < 1e-9);
    }

    #[test]
    fn a_measurement_survives_storage_and_ages() {
        let m = Measured { offset_ms: -3_600_250.0, uncertainty_ms: 12.5, at_ms: 1_000 };
        assert_eq!(Measured::from_parts(m.offset_ms, m.uncertainty_ms, m.at_ms as f64), Some(m));
        assert_eq!(Measured::from_parts(1e12, 1.0, 0.0), None, "beyond MAX_OFFSET_MS");
        assert_eq!(Measured::from_parts(f64::NAN, 1.0, 0.0), None);
        assert_eq!(Measured::from_parts(0.0, -1.0, 0.0), None, "negative uncertainty");
        assert_eq!(Measured::from_parts(0.0, f64::INFINITY, 0.0), None);
        assert_eq!(Measured::from_parts(0.0, 1.0, -1.0), None, "a time before 1970");
        assert_eq!(Measured::from_parts(0.0, 1.0, 1.5), None, "a time that is no whole ms");
        assert_eq!(Measured::from_parts(0.0, 1.0, 1e300), None);
        assert!(!m.is_stale(1_000 + STALE_AFTER_MS));
        assert!(m.is_stale(1_001 + STALE_AFTER_MS));
    }

    fn m(offset_ms: f64, uncertainty_ms: f64) -> Measured {
        Measured { offset_ms, uncertainty_ms, at_ms: 0 }
    }

    #[test]
    fn offset_and_its_plus_minus_share_one_precision() {
        let fx = |units, decimals| Fixed { units, decimals };
        // The case: a true +0.37 s measured ± 15 ms is not "+0.4 s ± 15 ms".
        assert_eq!(shown_offset(370.4, 15.0), (fx(37, 2), fx(2, 2)));
        assert_eq!(shown_offset(-3_600_250.0, 12.5), (fx(-360_025, 2), fx(2, 2)));
        // One sample: half a second of doubt prints as tenths.
        assert_eq!(shown_offset(480.0, 520.0), (fx(5, 1), fx(6, 1)));
        assert_eq!(shown_offset(372.0, 4.0), (fx(372, 3), fx(4, 3)));
        assert_eq!(shown_offset(0.0, 0.0), (fx(0, 3), fx(1, 3)));
        assert_eq!(shown_offset(93_400.0, 2_500.0), (fx(93, 0), fx(3, 0)));
        // A ± that is exactly whole units stays put; one over moves up.
        assert_eq!(shown_offset(370.0, 20.0).1, fx(2, 2));
        assert_eq!(shown_offset(370.0, 20.5).1, fx(3, 2));
    }

    #[test]
    fn the_printed_interval_holds_the_measured_one() {
        for o in [-93_456.7, -370.4, -5.0, 0.0, 0.4, 49.9, 370.4, 999.5, 61_234.5] {
            for u in [0.0, 0.3, 4.0, 9.99, 15.0, 99.9, 520.0, 999.9, 1_500.0, 12_000.0] {
                let (off, pm) = shown_offset(o, u);
                assert_eq!(off.decimals, pm.decimals);
                assert!(pm.units >= 1, "{o} ± {u}");
                let (lo, hi) = (off.ms() - pm.ms(), off.ms() + pm.ms());
                assert!(lo <= o - u + 1e-6 && o + u - 1e-6 <= hi, "{o} ± {u} printed as {off:?} ± {pm:?}");
                // Not needlessly coarse either: the ± is under twice the spread plus one unit.
                let unit = Fixed { units: 1, decimals: pm.decimals }.ms();
                assert!(pm.ms() <= 2.0 * (u + unit), "{o} ± {u} printed as {off:?} ± {pm:?}");
            }
        }
    }

    #[test]
    fn headlines_round_to_a_tenth_at_most() {
        let fx = |units, decimals| Fixed { units, decimals };
        assert_eq!(headline_offset(370.4, 15.0, Some(Verdict::Fine)), fx(4, 1));
        assert_eq!(headline_offset(93_400.0, 12.0, Some(Verdict::Wrong)), fx(934, 1));
        assert_eq!(headline_offset(20.0, 12.0, Some(Verdict::Fine)), fx(0, 1));
        // Never finer than the ± allows.
        assert_eq!(headline_offset(1_300.0, 1_500.0, Some(Verdict::Fine)), fx(1, 0));
        // At risk (on the wrong side of a period edge) with a tiny offset: not "0.0 s".
        assert_eq!(headline_offset(30.0, 12.0, Some(Verdict::Risky)), fx(3, 2));
    }

    #[test]
    fn the_panel_reports_one_verdict_about_the_measurement_it_shows() {
        let stored = m(20.0, 12.0);
        let absurd = SyncError::Absurd { offset_ms: 2.0 * 86_400_000.0 };
        // The case: an older, fine measurement and a newer absurd answer. The panel does
        // not call the clock right next to "off by more than a day".
        let r = clock_report(Some(stored), Some(absurd), 1_000_000, 30);
        assert_eq!(r, ClockReport { shown: Some(stored), verdict: Some(Verdict::Unconfirmed) });
        assert_eq!(clock_report(None, Some(absurd), 1_000_000, 30).verdict, Some(Verdict::Unconfirmed));
        // Offline or slow: no evidence against the stored measurement, which keeps its verdict.
        for e in [SyncError::Unreachable, SyncError::NoDate, SyncError::Inconsistent, SyncError::TooSlow { rtt_ms: 6_000.0 }] {
            assert_eq!(clock_report(Some(stored), Some(e), 1_000_000, 30).verdict, Some(Verdict::Fine));
            assert_eq!(clock_report(None, Some(e), 1_000_000, 30), ClockReport { shown: None, verdict: None });
        }
        let far = m(31_000.0, 12.0);
        assert_eq!(clock_report(Some(far), None, 1_000_000, 30), ClockReport { shown: Some(far), verdict: Some(Verdict::Wrong) });
        assert_eq!(clock_report(None, None, 1_000_000, 30).verdict, None);
    }

    #[test]
    fn verdicts() {
        assert_eq!(verdict(1_000_000, 31_000.0, 30), Verdict::Wrong);
        assert_eq!(verdict(1_000_000, -12_000.0, 30), Verdict::Risky);
        // 1,000,000 ms is 10 s into a period: 3 s ahead stays inside it; at 28 s in, it crosses the edge.
        assert_eq!(verdict(1_000_000, 3_000.0, 30), Verdict::Fine);
        assert_eq!(verdict(1_018_000, 3_000.0, 30), Verdict::Risky);
    }

    fn run(uncertainty_ms: f64) -> Result<Estimate, SyncError> {
        Ok(Estimate { offset_ms: 0.0, uncertainty_ms, samples: 5, rejected: 0, best_rtt_ms: 1.0 })
    }

    #[test]
    fn the_narrower_run_is_kept_and_a_failure_never_replaces_a_good_run() {
        let u = |r: &Result<Estimate, SyncError>| r.as_ref().map(|e| e.uncertainty_ms).ok();
        assert_eq!(u(&better_run(run(40.0), run(10.0), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(run(10.0), run(40.0), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(run(10.0), run(10.0), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(run(10.0), Err(SyncError::NoDate), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(Err(SyncError::NoDate), run(30.0), |e| e)), Some(30.0));
        assert!(better_run::<Estimate, SyncError>(Err(SyncError::NoDate), Err(SyncError::Unreachable), |e| e).is_err());
    }

    #[test]
    fn drift_is_said_in_seconds_then_minutes_then_hours() {
        let d = |fast, amount| Some(Drift { fast, amount });
        assert_eq!(drift(400.0), None);
        assert_eq!(drift(-999.0), None);
        assert_eq!(drift(1_000.0), d(false, Amount::Seconds(1)));
        assert_eq!(drift(-47_300.0), d(true, Amount::Seconds(47)));
        assert_eq!(drift(59_600.0), d(false, Amount::Minutes(1)));
        assert_eq!(drift(93_400.0), d(false, Amount::Minutes(2)));
        assert_eq!(drift(-120_000.0), d(true, Amount::Minutes(2)));
        assert_eq!(drift(-3_600_250.0), d(true, Amount::Hours(1, 0)));
        assert_eq!(drift(5_400_000.0), d(false, Amount::Hours(1, 30)));
        assert_eq!(drift(f64::NAN), None);
    }

    #[test]
    fn the_panel_reassures_first_when_codes_are_corrected() {
        let report = |offset_ms| clock_report(Some(m(offset_ms, 12.0)), None, 1_000_000, 30);
        // Two minutes fast, corrected: good news first, then the drift and the fix.
        let a = advice(&report(-120_000.0), true);
        assert_eq!(a, Advice { codes: CodesNote::Corrected, drift: drift(-120_000.0), fix: true, tone: Tone::Good });
        // The same clock with the correction off: codes are refused, in red.
        let a = advice(&report(-120_000.0), false);
        assert_eq!((a.codes, a.tone, a.fix), (CodesNote::Refused, Tone::Alarm, true));
        assert_eq!((advice(&report(15_000.0), false).codes, advice(&report(15_000.0), false).tone), (CodesNote::MayBeRefused, Tone::Caution));
        // A few seconds off: said, corrected, no steps needed.
        let a = advice(&report(3_000.0), true);
        assert_eq!((a.codes, a.fix, a.tone), (CodesNote::Corrected, false, Tone::Good));
        assert_eq!(advice(&report(3_000.0), false).codes, CodesNote::ClockRight);
        // Right: nothing to say about drift, even near a period edge.
        let edge = clock_report(Some(m(30.0, 12.0)), None, 1_019_990, 30);
        assert_eq!(advice(&edge, false), Advice { codes: CodesNote::ClockRight, drift: None, fix: false, tone: Tone::Good });
    }

    #[test]
    fn no_error_colour_without_a_clue_of_a_wrong_clock() {
        // Never measured (offline): neutral, nothing to fix.
        for e in [None, Some(SyncError::Unreachable), Some(SyncError::TooSlow { rtt_ms: 6_000.0 })] {
            let a = advice(&clock_report(None, e, 1_000_000, 30), true);
            assert_eq!(a, Advice { codes: CodesNote::NotChecked, drift: None, fix: false, tone: Tone::Neutral });
        }
        // The check says more than a day off: the date may be wrong, whatever was stored.
        let absurd = Some(SyncError::Absurd { offset_ms: 2.0 * 86_400_000.0 });
        for stored in [None, Some(m(20.0, 12.0))] {
            let a = advice(&clock_report(stored, absurd, 1_000_000, 30), true);
            assert_eq!((a.codes, a.tone, a.fix), (CodesNote::DateInDoubt, Tone::Alarm, true));
        }
    }
}
