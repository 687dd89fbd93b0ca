DROP TABLE directory_group_members;
DROP TABLE directory_groups;
