import Testing

@testable import AuthStub

/// Keys and signatures the crypto tests check against: RFC 7515's Appendix A and a 4096-bit key
/// signed with the `openssl` CLI.
enum CryptoVectors {
    /// RFC 7515 Appendix A.1's HMAC key (a `kid` added: AuthStub's signing keys need one).
    static let rfc7515HMAC = """
        {"kty": "oct", "kid": "rfc7515-a1",
         "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}
        """

    /// RFC 7515 Appendix A.1's JWS: header `{"typ":"JWT",CRLF "alg":"HS256"}`, the "joe" claims.
    static let rfc7515A1 = """
        eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\
        .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
        .dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
        """

    /// RFC 7515 Appendix A.2's RSA key (a `kid` added).
    static let rfc7515RSA = """
        {"kty": "RSA", "kid": "rfc7515-a2", "e": "AQAB",
         "n": "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yR\
        T-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXB\
        dQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9ia\
        GNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
         "d": "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46su\
        i395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4\
        qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB\
        4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
         "p": "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8\
        cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
         "q": "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t\
        62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
         "dp": "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDC\
        jn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0",
         "dq": "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJn\
        wgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU",
         "qi": "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w9\
        3IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"}
        """

    /// RFC 7515 Appendix A.2's JWS: header `{"alg":"RS256"}`, the "joe" claims.
    static let rfc7515A2 = """
        eyJhbGciOiJSUzI1NiJ9\
        .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
        .cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdb\
        F9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN938\
        3LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkW\
        ywlVmtVrBp0igcN_IoypGlUPQGe77Rw
        """

    /// A 4096-bit key made with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096` for these tests.
    static let rsa4096 = """
        {"kty": "RSA", "kid": "test-4096", "e": "AQAB",
         "n": "rVaw_UG6fhS4HWGq12fCmj7dOjtCNY45Aa9Mkw_qfmAGgcTqEMXT_BeAu4HfVGxrK2Bl9mMRakbksc5WjPEAD95EzAjE_DY9-7jx\
        5_jR5wWmzVCsgcXfhNb_rnPGUUB_xvUaVxJcIdtxddP2Kmb0IFATO_EjD7KjfOdFQlELtlpd9-R70IPAKhUZFUGgMSFHVHWfcOP6\
        r6Aj-fTVheHHek9x8sDXQMsJIQURLm-hpeZct0tiu_SId-OipEHrQWCOm31H_ZDuc9dxpTgqD4NC1iFooqPeyY-Ql1OYgrTcQCSD\
        iDpTvl9PhGGCY4DXd0n1qSOENJiqFEz1SVq03RkqOJdEx38h87eztY2BB0cZSTxRA_uePyHnYMJXkw0j555TAT28pTVnUTRBK-8B\
        vCTSj5leZkBsYDa1kamPEGHFyk1eYVMZ96GXfpEfvNMn51yYPdQeRKE8uz62mpG1hW4NIC9gCvqIZc86Ps-idHtf30Tq4qgEvz18\
        Q9SzfoHxC8sz3FFKJze9Y7m7XGZR2chKUPjzceiPZpFhc2nWz256PJqX_J5xN7LUJ6SRMvarb_53cZH8Df6dgZNLFUzXafalJDQM\
        KwrwOvWBeTqjAT2-iXm2g2uhy-jde6pw8RtyDxsZqtFZr9McA5iXNJ-bfcEpyaz0TmCzgHPZBZ0aGAgZXDs",
         "d": "F9E6noHiiyJzre3WmKR0M9eBdFfiIBO7t4SLxAVC1jyBiGEzPDzChPgBw0H0GtiO3TXwrKsuIGk_UUMl11XiCUwkLdjioDkfyS-_\
        ZX1l8hVvtvRnz6kNrmYQWbsku9Nd-0uAZAhsymYpr-QBBhCBaNM34Vuf0q9cEXSBqrwSHOtL0Bz_-kWwKNgfSzFqPnXxJCTJVKyu\
        rGUXrGe80xmT3DWAVbezm_6J8ZSNqNDD6FS_1puwJF1URwzrMyCvn5sR3UGYm7nHWfl3bxlJhjol--A5TWew3Acy-egNo6AQR2v8\
        -sHw8c6M0YbIcL2qXYS3EZeEuelkLUfpyDuDcIHdsBD0xzq6o6I-haKRL2NRX023eGJjPnmZTc_QiijdnVBcDFxclxglJ6c97_49\
        KF81-LwhUcYzPglQgOl2FAPLRk2OGGiHyElzAVdmoeWYu9HSoF9i8HJlfy6HF4Pdg-blo7RtIw28NxN2iBCjQ0aoR9ZtETrMr7WW\
        -s6cSY5wBCoQGvN_-azeswEM2fqFrDGBjsAIMk2YD_VL28czxGnK0qB8_cYVzJZssvjbKIT8bl-FdBCqz8ovwFnd3ROwnBQ21qld\
        IwRnl4C9nWxk6ZJ_fK-efZ1Dlt329H3VEXji4Az8pP-XpY-B1zgViKgXj2myVEfDyp0orvjBvRHz-XbrmLE",
         "p": "3xZ6A2852h1iHcrKC9StspYlIJIJxuRrsA91F7ClbEfCu90zbMrab5f4tLOwUCg5dFCB8H72K1I6ZdmVsHi92QZE36xRS0DUtRc6\
        azKi-UII5-fHq_r5TnMJNbat1Jt2tg4cJbgB6O5QDEZsij5qY-ZEyJdESVQ0b-XTxUWl-wBf-uWinj05lcl0rmXeaYtyXM1ye9LZ\
        ZuyjcEdVSwOAOTYYThqg04-d0s7gMujDSRBt2SvQXadbGuyI_OAhUg2CdhbSQ2nxjCN-wu-kxSi6pYeod4jhWu-JDbnHqyCRWjAJ\
        k2O1M4jkjQTtWr4aY1Wvr2IcoIs6_pdhHpr-lnnf-Q",
         "q": "xulNEh4tD9DzAPzFni2XU_pSBi88hiTjsrkX3RCbJkOgSkvUd43UM6-7ZV63amOqF3a9SxgUM9rnxLCiA1Z79NvZvU8YGiWSvEd4\
        a85zQEWDeH_WueZB-wCPbWvfZ9ITK3VerFo3uwoTr-eszUt1xMM9lrWlaxUWQbhBY2MktZzXhPX7fhz7Co_wb3eTHf4AmAcdXbc_\
        fRM-P3N1FzuXpEkuDjmvzDZentbzqrASdMK1bQ35iszbSYqOp_1uUN9N0J0CFcV1Ne-y8NqfREZYOLOjjZPsW6w1K3CX4qYC6tM6\
        foEE6P6W38UWd7etanVK6d4zqCBr2kWKzatEAShS0w",
         "dp": "ObmZLNZVA-ligA7_JPyNTY6oYLspKHvmmZIGXHDq_Q-8hdwA-H-s8f9C7Y8pajReWYiTduWDUUZfsgcRQq6bgVKr86ylBHHsGEfA\
        aAicPx8lKszAz_GLHQ-LLIjuhfsMRqN0CRaJ9_niYKrAXy0zXlIxLi5mDwto3iN8Hqmc_0vjigptf8Cb6_RK6u2VFX5twzGuE_hF\
        JOrKh70NhvGK9kLXGy6sutGIpwm83a95CKjlo7JAolsxqc_Wyog8Vv0D6waQtbzuMbLllA9qdVHKqhZmMzgKB_u_XPvbfJ5avhl8\
        ANVmB8W-Tfcea8KRFW8QnLMocSpVw5bsHH1CrzEuEQ",
         "dq": "UB-kIvsyzZ8uc6ReejQFNBeuOL2IVMTBT7nNSggpZwVwqNzYzfu8kcFk7BV2Lo3M8zyqTXh6ktTH7Wv1JwEMV3rDv8T_gXDHJb5o\
        XIzB0g7uQXjFZwbAZzo3jC0axbhSbnwN0cFZl6ccfQwGiH-wBb1brrym0HajC4AMHtvN6rYt_moTjx5fZUbL5Cq3gSpS1OpwwtJQ\
        6bH5rhd1ABHKKKwtuB82mD0CaltNteDM3mmcKTyq22Vfo8UDZ9nnOP5qWvET6O8sIrjWTLzT0O3BFb4O0LXYTKkWldP56ptSq4LA\
        mjqgXrZG0gaS4VCEs1BiB8iw6DV_HGJM4kHt18WFbw",
         "qi": "IYfsCZisU8F0yv2yG4Yw-nAqodwdPokloqjLHRBu_BstW6zMSvHUr_2OQWpUUv3gbTCtjNhzZAojOa6eOHaxNEYd3hOK_-i34BuL\
        wwosASXH2MLxAiuyTndEruhd1EkGkueJgfq_uemgKv80wu8ZkNUgFd1lE4MHR-gIrkuU7KXp62KhYN545E3uNbgdLkNpf-cSlUiu\
        FvWESrpG4rQmFewZ5CNzef9N1I6MZJwQh5WH12HMB9bSSHYVeA_ea_V8Kspvo3P0KZrssO-5mSy3gRUcABKL33v8YLhp3pw-tZwC\
        4hlDdJlf77Asevo0THu_ISX9Re2JF-y-SbKyMjeY3Q"}
        """

    /// `openssl dgst -sha256 -sign` of `rsa4096SigningInput` with `rsa4096`, in base64url.
    static let rsa4096Signature = """
        SSC25AFkDNaYFCCVUK8zYeuXZPjJgG_CCWi5IjJ-ZLi-fg39uSNWkoP4fc_Arb9qSu2ixmsjao31I46wRkhf0A1b5Y3GhoJmuKey\
        nGb-QG__dPO2O4b32WeCN8sUf34Ijt3X-zCKWcHQx_Q8mm27gUHAdFgKut2SY0SK99mF7dJlHcEjIR_hKNwBWJywr1C7-dqpZzJg\
        oWoupJ_r3H1zLgsIXybsmeoGVxddwJvR7xftlcS-u64awbiCuEbYxOv3GG_5GhlQwnrg0wso_4fAzrufbOMPV2Cxig9TGmbb7KFf\
        WcVNkiWdMZ6u256UcMMhcrJJqvbWltDRgHIsipbOrZnKUzr5eyUfsESXIXpvFihBuDuT5q5wn_iZbAfZLhlgCLImpxnZS-B4XjNI\
        bpxkqO72KppqV7PR4EiA_G3CXCk5ht8zFWbNCeWlL_JNW8DEp1rVOzRByU88MscaY2zq9LtEnTCfLb3O9mML-wv_-tEdhi5fAgnN\
        1fHToy849vUAtzi9HZwMgXwWMoiEkhIPKpQ6u4mYHc78lnRjBrrxorpRc9Wy2qKrvaD8j_3f8pPz23brDb33q3Kbz62YZWjEEFZZ\
        aw4hZ9ucenJLLVp01h_P7LFdi1KbaVm4bymSBwgpsqzPPexsPJ_gUsBF1Oo6Vz3fEbRfTTPjgWDsi5L2BDI
        """

    /// The bytes `rsa4096Signature` signs.
    static let rsa4096SigningInput = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0"

    /// The JWK in `text` as an object (a test vector that does not parse fails the test).
    static func jwk(_ text: String) throws -> JSONObject {
        try #require(JSONValue.parse(text).objectValue)
    }

    /// The JWK in `text` as a signing key.
    static func key(_ text: String) throws -> JWSKey {
        try JWSKey.from(jwk: jwk(text)).get()
    }

    /// The first two parts of a JWS, the bytes its signature covers.
    static func signingInput(_ jws: String) -> [UInt8] {
        Array(jws.split(separator: ".").prefix(2).joined(separator: ".").utf8)
    }

    /// The last part of a JWS, its signature, decoded.
    static func signature(_ jws: String) -> [UInt8]? {
        jws.split(separator: ".").last.flatMap { Base64URL.decode($0) }
    }
}
