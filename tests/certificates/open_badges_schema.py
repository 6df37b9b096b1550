"""
A JSON Schema of what Open Badges 3.0 requires of an ``OpenBadgeCredential``.

The official 1EdTech schema (``ob_v3p0_achievementcredential_schema.json``) is not
published in any package this project can install, so this schema is written from the
specification's data model: the required properties of AchievementCredential, Profile,
AchievementSubject, IdentityObject, Achievement, Criteria, ResultDescription, Result,
CredentialStatus and CredentialSchema, their types and the closed vocabularies used here,
plus the W3C Bitstring Status List entry.
"""

URI = {"type": "string", "format": "uri", "pattern": "^[A-Za-z][A-Za-z0-9+.-]*:"}
DATE_TIME_Z = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
}
EXTENSIBLE = r"^(ext:)[a-zA-Z0-9.\-_]+$"


def _type_containing(name: str) -> dict:
    return {
        "oneOf": [
            {"type": "string", "const": name},
            {
                "type": "array",
                "items": {"type": "string"},
                "contains": {"const": name},
                "minItems": 1,
            },
        ]
    }


IDENTITY_TYPES = [
    "name", "sourcedId", "systemId", "productId", "userName", "accountId", "emailAddress",
    "nationalIdentityNumber", "isbn", "issn", "lisSourcedId", "oneRosterSourcedId",
    "sisSourcedId", "ltiContextId", "ltiDeploymentId", "ltiToolId", "ltiPlatformId",
    "ltiUserId", "identifier",
]  # fmt: skip
ACHIEVEMENT_TYPES = [
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment",
    "AssociateDegree", "Award", "Badge", "BachelorDegree", "Certificate",
    "CertificateOfCompletion", "Certification", "CommunityService", "Competency", "Course",
    "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork",
    "GeneralEducationDevelopment", "JourneymanCertificate", "LearningProgram", "License",
    "Membership", "ProfessionalDoctorate", "QualityAssuranceCredential",
    "MasterCertificate", "MasterDegree", "MicroCredential", "ResearchDoctorate",
    "SecondarySchoolDiploma",
]  # fmt: skip
RESULT_TYPES = [
    "GradePointAverage", "LetterGrade", "Percent", "PerformanceLevel", "PredictedScore",
    "RawScore", "Result", "RubricCriterion", "RubricCriterionLevel", "RubricScore",
    "ScaledScore", "Status",
]  # fmt: skip


def _vocabulary(values: list[str]) -> dict:
    return {"anyOf": [{"enum": values}, {"type": "string", "pattern": EXTENSIBLE}]}


OPEN_BADGE_CREDENTIAL_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "@context",
        "id",
        "type",
        "issuer",
        "validFrom",
        "credentialSubject",
        "name",
    ],
    "properties": {
        "@context": {
            "type": "array",
            "minItems": 2,
            "prefixItems": [{"const": "https://www.w3.org/ns/credentials/v2"}],
            "contains": {
                "type": "string",
                "pattern": r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$",
            },
        },
        "id": URI,
        "type": {
            "type": "array",
            "allOf": [
                {"contains": {"const": "VerifiableCredential"}},
                {"contains": {"enum": ["AchievementCredential", "OpenBadgeCredential"]}},
            ],
        },
        "name": {"type": "string", "minLength": 1},
        "issuer": {"$ref": "#/$defs/Profile"},
        "validFrom": DATE_TIME_Z,
        "validUntil": DATE_TIME_Z,
        "credentialSubject": {"$ref": "#/$defs/AchievementSubject"},
        "credentialStatus": {"$ref": "#/$defs/BitstringStatusListEntry"},
        "credentialSchema": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "type"],
                "properties": {"id": URI, "type": {"type": "string"}},
            },
        },
        "proof": {"type": ["object", "array"]},
    },
    "$defs": {
        "Profile": {
            "type": "object",
            "required": ["id", "type"],
            "properties": {
                "id": URI,
                "type": _type_containing("Profile"),
                "name": {"type": "string"},
                "url": URI,
                "email": {"type": "string", "format": "email"},
                "phone": {"type": "string"},
            },
        },
        "AchievementSubject": {
            "type": "object",
            "required": ["type", "achievement"],
            "properties": {
                "id": URI,
                "type": _type_containing("AchievementSubject"),
                "identifier": {"type": "array", "items": {"$ref": "#/$defs/IdentityObject"}},
                "achievement": {"$ref": "#/$defs/Achievement"},
                "activityStartDate": DATE_TIME_Z,
                "activityEndDate": DATE_TIME_Z,
                "creditsEarned": {"type": "number", "minimum": 0},
                "result": {"type": "array", "items": {"$ref": "#/$defs/Result"}},
            },
        },
        "IdentityObject": {
            "type": "object",
            "required": ["type", "hashed", "identityHash", "identityType"],
            "properties": {
                "type": {"const": "IdentityObject"},
                "hashed": {"type": "boolean"},
                "identityHash": {"type": "string"},
                "identityType": _vocabulary(IDENTITY_TYPES),
                "salt": {"type": "string"},
            },
            "if": {"properties": {"hashed": {"const": True}}},
            "then": {
                "properties": {
                    "identityHash": {"pattern": "^(sha256\\$[0-9a-f]{64}|md5\\$[0-9a-f]{32})$"}
                }
            },
        },
        "Achievement": {
            "type": "object",
            "required": ["id", "type", "name", "description", "criteria"],
            "properties": {
                "id": URI,
                "type": _type_containing("Achievement"),
                "achievementType": _vocabulary(ACHIEVEMENT_TYPES),
                "name": {"type": "string", "minLength": 1},
                "description": {"type": "string", "minLength": 1},
                "criteria": {
                    "type": "object",
                    "anyOf": [{"required": ["id"]}, {"required": ["narrative"]}],
                    "properties": {"id": URI, "narrative": {"type": "string"}},
                },
                "creditsAvailable": {"type": "number", "minimum": 0},
                "humanCode": {"type": "string"},
                "inLanguage": {"type": "string", "pattern": "^[a-z]{2,4}(-[A-Za-z0-9]+)*$"},
                "resultDescription": {
                    "type": "array",
                    "items": {"$ref": "#/$defs/ResultDescription"},
                },
            },
        },
        "ResultDescription": {
            "type": "object",
            "required": ["id", "type", "name", "resultType"],
            "properties": {
                "id": URI,
                "type": _type_containing("ResultDescription"),
                "name": {"type": "string"},
                "resultType": _vocabulary(RESULT_TYPES),
            },
        },
        "Result": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": _type_containing("Result"),
                "resultDescription": URI,
                "value": {"type": "string"},
            },
        },
        "BitstringStatusListEntry": {
            "type": "object",
            "required": [
                "id",
                "type",
                "statusPurpose",
                "statusListIndex",
                "statusListCredential",
            ],
            "properties": {
                "id": URI,
                "type": {"const": "BitstringStatusListEntry"},
                "statusPurpose": {"enum": ["revocation", "suspension", "refresh", "message"]},
                "statusListIndex": {"type": "string", "pattern": "^[0-9]+$"},
                "statusListCredential": URI,
            },
        },
    },
}
