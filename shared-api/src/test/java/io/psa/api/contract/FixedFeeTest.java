package io.psa.api.contract;

import io.psa.api.ticket.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Computed by hand: a term of 365 days (2026) worth 36,500 earns 100 a day. */
class FixedFeeTest {
    private static final LocalDate START = LocalDate.parse("2026-01-01");
    private static final LocalDate END = LocalDate.parse("2026-12-31");
    private static final ContractTerms CREATED = new ContractTerms(START, END, null, Money.of("36500"));

    private static String earned(FixedFee fee, String from, String to) {
        return fee.earned(LocalDate.parse(from), LocalDate.parse(to)).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void aTermEarnsItsValueEvenlyOverItsDays() {
        FixedFee fee = FixedFee.of(START, List.of(CREATED));
        assertThat(earned(fee, "2026-01-01", "2026-01-31")).isEqualTo("3100.00");
        assertThat(earned(fee, "2025-01-01", "2027-12-31")).isEqualTo("36500.00");
        assertThat(fee.earnedBefore(LocalDate.parse("2026-01-11"))).isEqualByComparingTo("1000");
    }

    /** From 1 Jul (181 days earned 18,100) the value is 45,000: the 184 days left share 26,900. */
    @Test
    void aNewValueSpreadsWhatIsLeftToEarnOverTheDaysLeft() {
        FixedFee fee = FixedFee.of(START, List.of(CREATED,
                new ContractTerms(LocalDate.parse("2026-07-01"), END, null, Money.of("45000"))));
        assertThat(earned(fee, "2026-01-01", "2026-06-30")).isEqualTo("18100.00");
        assertThat(earned(fee, "2026-07-01", "2026-12-31")).isEqualTo("26900.00");
        assertThat(earned(fee, "2026-07-01", "2026-07-31")).isEqualTo(
                new BigDecimal("26900").multiply(BigDecimal.valueOf(31)).divide(BigDecimal.valueOf(184), 2,
                        RoundingMode.HALF_UP).toPlainString());
        assertThat(earned(fee, "2026-01-01", "2026-12-31")).isEqualTo("45000.00");
    }

    /** Ended on 30 Jun with the value kept: the days before 1 Jun keep their 100, June earns the rest. */
    @Test
    void anEarlyEndKeepsThePastAndEarnsTheValueByTheNewEnd() {
        FixedFee fee = FixedFee.of(START, List.of(CREATED,
                new ContractTerms(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"), null, Money.of("36500"))));
        assertThat(earned(fee, "2026-01-01", "2026-05-31")).isEqualTo("15100.00");
        assertThat(earned(fee, "2026-06-01", "2026-06-30")).isEqualTo("21400.00");
        assertThat(earned(fee, "2026-07-01", "2026-12-31")).isEqualTo("0.00");
    }

    @Test
    void aLaterChangeOnTheSameDayReplacesTheEarlierOne() {
        FixedFee fee = FixedFee.of(START, List.of(CREATED,
                new ContractTerms(LocalDate.parse("2026-07-01"), END, null, Money.of("99999")),
                new ContractTerms(LocalDate.parse("2026-07-01"), END, null, Money.of("45000"))));
        assertThat(earned(fee, "2026-01-01", "2026-12-31")).isEqualTo("45000.00");
    }
}
