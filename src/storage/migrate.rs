//! Pure steps that bring older stored shapes up to the current version.
//!
//! Each step takes the JSON of version N and returns version N + 1, so a
//! file of any older version reaches the current one step by step.

use super::codec::{DecodeError, VERSION};
use super::parse::{Json, Text};
use crate::domain::VecMap;

type Step = fn(&mut VecMap<Text<'_>, Json<'_>>) -> Result<(), String>;

/// The step from version `i` to `i + 1` is `STEPS[i]`.
const STEPS: [Step; VERSION as usize] = [v0_to_v1];

/// Migrates `value` from `version` to the current version in place.
pub fn migrate(value: &mut Json, version: u64) -> Result<(), DecodeError> {
    let object = value
        .as_object_mut()
        .ok_or_else(|| DecodeError::Invalid("it is not a JSON object".into()))?;
    for (from, step) in STEPS.iter().enumerate().skip(version as usize) {
        step(object).map_err(|why| {
            DecodeError::Invalid(format!(
                "it could not be upgraded from version {from}: {why}"
            ))
        })?;
        object.insert("version".into(), Json::Number(from as u64 + 1));
    }
    Ok(())
}

/// Version 0 (the first prototype) named a record's update time `modified`
/// and stored the agreement's cadence as a number of days.
fn v0_to_v1(file: &mut VecMap<Text<'_>, Json<'_>>) -> Result<(), String> {
    let Some(records) = file.get_mut("records") else {
        return Ok(());
    };
    let records = records.as_array_mut().ok_or("its records are not a list")?;
    for record in records {
        let Some(record) = record.as_object_mut() else {
            continue;
        };
        if let Some(modified) = record.remove("modified") {
            record.insert("updated".into(), modified);
        }
        let cadence = record
            .get_mut("body")
            .and_then(|body| body.get_mut("agreement"))
            .and_then(Json::as_object_mut)
            .and_then(|agreement| agreement.get_mut("cadence"));
        if let Some(cadence) = cadence {
            if let Some(days) = cadence.as_u64() {
                *cadence = match days {
                    7 => Json::String("weekly".into()),
                    14 => Json::String("fortnightly".into()),
                    30 | 31 => Json::String("monthly".into()),
                    days => {
                        let mut every = VecMap::new();
                        every.insert("every_days".into(), Json::Number(days));
                        Json::Object(every)
                    }
                };
            }
        }
    }
    Ok(())
}
