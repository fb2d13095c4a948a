// The built-in harvesters: importing this module registers each one (one file per portal type)
// in the registry, exactly as a third-party harvester registers itself.
import './ckan.ts';
import './ods.ts';
import './datajson.ts';
import './dcat.ts';
import './socrata.ts';
