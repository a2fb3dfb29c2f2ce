package org.mltrules.json;
