package io.psa.api.contract;

public enum ContractType {
    RECURRING_SERVICE, TIME_AND_MATERIALS, FIXED_PRICE, BLOCK_HOURS
}
